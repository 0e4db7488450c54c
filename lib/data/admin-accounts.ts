import "server-only";
import { listUsers } from "@/lib/accounts/list-users";
import { listAuditEntries } from "@/lib/audit/list-entries";
import { db } from "@/lib/db";
import type { AuditFilter } from "@/lib/validation/audit";

/** Reads for /admin/users and /admin/audit; the pages check user:manage before calling these. */
export function getUsersForAdmin() {
  return listUsers(db);
}

export function getAuditPage(filter: AuditFilter) {
  return listAuditEntries(db, filter);
}
