import type { Db } from "@/lib/db";

/**
 * Sign-in throttling with exponential backoff, kept in PostgreSQL (sign_in_throttles) so every
 * app server counts the same failures. Two keys per attempt: the account (guessing one password)
 * and the client address (trying many accounts), each with its own free allowance.
 */
export interface ThrottleRule {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** Failures older than this (counted from the last one) are forgotten. */
  forgetAfterMs: number;
  /** The first lock; each further failure doubles it, up to maxLockMs. */
  firstLockMs: number;
  maxLockMs: number;
}

const MINUTE = 60_000;
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, forgetAfterMs: 24 * 60 * MINUTE, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE };
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 30, forgetAfterMs: 24 * 60 * MINUTE, firstLockMs: MINUTE, maxLockMs: 60 * MINUTE };

/** How long `failures` failures in a row lock the key: none below the allowance, then 1, 2, 4 … minutes up to the cap. */
export function lockDurationMs(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.firstLockMs * 2 ** doublings, rule.maxLockMs);
}

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

type ThrottleDb = Pick<Db, "$queryRaw" | "$executeRaw">;

/** Seconds until the latest lock among `keys` ends, or 0 when none is locked. */
export async function lockedForSeconds(db: ThrottleDb, keys: string[], now: Date): Promise<number> {
  const rows = await db.$queryRaw<{ locked_until: Date | null }[]>`
    SELECT max(locked_until) AS locked_until FROM sign_in_throttles WHERE key = ANY(${keys}::text[]) AND locked_until > ${now}`;
  const until = rows[0]?.locked_until;
  return until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
}

/**
 * Counts one failure for `key` (atomically, so concurrent guesses all count) and locks it once
 * the allowance is used up. Returns the seconds the key is now locked for (0: not locked).
 */
export async function recordFailure(db: ThrottleDb, key: string, rule: ThrottleRule, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - rule.forgetAfterMs);
  await forgetExpired(db, now);
  const rows = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES (${key}, 1, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN sign_in_throttles.last_failure_at < ${forgetBefore} THEN 1 ELSE sign_in_throttles.failures + 1 END,
      last_failure_at = ${now}
    RETURNING failures`;
  const lockMs = lockDurationMs(rows[0]!.failures, rule);
  if (lockMs === 0) return 0;
  const until = new Date(now.getTime() + lockMs);
  // GREATEST: a slower concurrent request with a lower count must not shorten a longer lock.
  await db.$executeRaw`UPDATE sign_in_throttles SET locked_until = GREATEST(coalesce(locked_until, ${until}), ${until}) WHERE key = ${key}`;
  return Math.ceil(lockMs / 1000);
}

/**
 * Removes the rows that no longer count: failures older than every rule's window and no lock
 * still running. Done on write (each failure), so a sprayer's many one-off keys are swept by
 * the next failures instead of piling up; the index on last_failure_at keeps it a range scan.
 */
export async function forgetExpired(db: ThrottleDb, now: Date): Promise<number> {
  const longestWindow = Math.max(ACCOUNT_RULE.forgetAfterMs, ADDRESS_RULE.forgetAfterMs);
  const forgetBefore = new Date(now.getTime() - longestWindow);
  return db.$executeRaw`
    DELETE FROM sign_in_throttles
    WHERE last_failure_at < ${forgetBefore} AND (locked_until IS NULL OR locked_until <= ${now})`;
}

/** A successful sign-in forgets the account's failures (the address keeps its count: one known password must not reset it). */
export async function forgetFailures(db: ThrottleDb, key: string): Promise<void> {
  await db.$executeRaw`DELETE FROM sign_in_throttles WHERE key = ${key}`;
}

/**
 * The client address for the per-address limit. X-Forwarded-For is whatever the client sends
 * unless a proxy in front of us overwrites or appends to it, so it is trusted only when
 * RELABEL_TRUST_PROXY says how many proxies append to it (1 for one reverse proxy): the entry that
 * many places from the right is the address the outermost trusted proxy saw. Without it there is
 * no trustworthy address (Next.js does not expose the socket's), and only the per-account limit applies.
 */
export function clientAddress(headers: Record<string, string | string[] | undefined> | undefined, env: Record<string, string | undefined> = process.env): string | null {
  const trusted = env.RELABEL_TRUST_PROXY === "true" ? 1 : Number(env.RELABEL_TRUST_PROXY ?? 0);
  if (!Number.isInteger(trusted) || trusted < 1) return null;
  const raw = headers?.["x-forwarded-for"];
  const chain = (Array.isArray(raw) ? raw.join(",") : raw ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  if (chain.length === 0) return null;
  const address = chain[Math.max(chain.length - trusted, 0)]!;
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").slice(0, 64);
}
