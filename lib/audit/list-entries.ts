import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "@/lib/validation/audit";

export const AUDIT_PAGE_SIZE = 50;

function whereOf(filter: AuditFilter): Prisma.AuditLogWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filter.from) at.gte = new Date(`${filter.from}T00:00:00Z`);
  // "to" is inclusive: the whole day, in UTC like every date on the page.
  if (filter.to) at.lt = new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000);
  return {
    ...(filter.action && { action: filter.action }),
    ...(filter.entity && { entity: filter.entity }),
    ...(filter.entityId && { entityId: filter.entityId }),
    ...(filter.user && { user: { email: filter.user } }),
    ...((filter.from || filter.to) && { at }),
  };
}

/** One page of audit entries, newest first, with who did each. */
export async function listAuditEntries(db: Db, filter: AuditFilter) {
  const where = whereOf(filter);
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, action: true, entity: true, entityId: true, details: true, user: { select: { email: true } } },
    }),
  ]);
  const entries = rows.map((row) => ({ ...row, id: String(row.id), userEmail: row.user?.email ?? null }));
  return { entries, total, page: filter.page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}
export type AuditPage = Awaited<ReturnType<typeof listAuditEntries>>;
