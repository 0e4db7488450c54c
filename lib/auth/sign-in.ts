import { recordAudit } from "@/lib/audit/record";
import { ACCOUNT_RULE, ADDRESS_RULE, accountKey, addressKey, forgetFailures, lockedForSeconds, recordFailure } from "@/lib/auth/throttle";
import { authenticate, type SessionUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";

export type SignInOutcome =
  | { ok: true; user: SessionUser; sessionVersion: number }
  | { ok: false; reason: "invalid-credentials" | "disabled" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * A password sign-in: refused without checking the password while the account or the address is
 * locked; a wrong password counts against both; a right one forgets the account's failures and
 * records the sign-in. Every outcome is audited (never the password) in the transaction that
 * changes the counters.
 */
export async function signInWithPassword(
  db: Db,
  attempt: { email: string; password: string; address: string | null },
  now: Date = new Date(),
): Promise<SignInOutcome> {
  const keys = [accountKey(attempt.email), ...(attempt.address ? [addressKey(attempt.address)] : [])];
  const details = { email: attempt.email, address: attempt.address };

  const locked = await lockedForSeconds(db, keys, now);
  if (locked > 0) {
    // Named by id like the other failures, so an auditor sees every attempt on one account together.
    const target = await db.user.findUnique({ where: { email: attempt.email }, select: { id: true } });
    await recordAudit(db, { userId: null, action: "auth.sign-in-failed", entity: "user", entityId: target?.id, details: { ...details, reason: "rate-limited" } });
    return { ok: false, reason: "rate-limited", retryAfterSeconds: locked };
  }

  const result = await authenticate(db, attempt.email, attempt.password);
  if (result.ok) {
    await db.$transaction(async (tx) => {
      await forgetFailures(tx, keys[0]!);
      await tx.user.update({ where: { id: result.user.id }, data: { lastSignInAt: now } });
      await recordAudit(tx, { userId: result.user.id, action: "auth.sign-in", entity: "user", entityId: result.user.id, details: { address: attempt.address } });
    });
    return result;
  }

  return db.$transaction(async (tx) => {
    await recordAudit(tx, { userId: null, action: "auth.sign-in-failed", entity: "user", entityId: result.userId, details: { ...details, reason: result.reason } });
    // A disabled account with the right password is not a guess.
    if (result.reason !== "invalid-credentials") return { ok: false, reason: result.reason };
    const lockedFor = Math.max(
      await recordFailure(tx, keys[0]!, ACCOUNT_RULE, now),
      attempt.address ? await recordFailure(tx, keys[1]!, ADDRESS_RULE, now) : 0,
    );
    return lockedFor > 0 ? { ok: false, reason: "rate-limited", retryAfterSeconds: lockedFor } : { ok: false, reason: "invalid-credentials" };
  });
}
