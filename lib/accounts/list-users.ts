import type { Db } from "@/lib/db";

/** Every account with what an admin manages; shared by /admin/users and `relabel user list`. */
export function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true },
  });
}
export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
