import { type AuditWriter, recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";

type SessionDb = Pick<Db, "user">;

/** Ends every session of the user: tokens carry the version they were issued with (lib/auth/users.ts findActiveUser). */
export async function endAllSessions(tx: SessionDb, userId: number): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * Sign-out ends the user's sessions on every device, not only this browser's cookie: with
 * stateless JWT sessions that is the only way a copied cookie stops working. A token that is
 * already revoked changes and records nothing.
 */
export async function signOutEverywhere(db: Db, userId: number, sessionVersion: number): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
    if (count === 0) return false;
    await recordAudit(tx as AuditWriter, { userId, action: "auth.sign-out", entity: "user", entityId: userId });
    return true;
  });
}
