import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ACCOUNT_RULE } from "@/lib/auth/throttle";
import { createDb } from "@/lib/db";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const now = new Date(Date.UTC(2026, 11, 1, 8, 0));
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("sign_in_throttles cleanup", () => {
  it("a failed sign-in removes the rows of windows that ended, and keeps running windows and locks", async () => {
    const window = ACCOUNT_RULE.forgetAfterMs;
    await db.signInThrottle.createMany({
      data: [
        { key: "account:expired@old.test", failures: 3, lastFailureAt: ago(window + 60_000) },
        { key: "address:198.51.100.7", failures: 40, lastFailureAt: ago(window + 60_000), lockedUntil: ago(window) },
        { key: "account:recent@old.test", failures: 2, lastFailureAt: ago(window - 60_000) },
        { key: "account:still-locked@old.test", failures: 9, lastFailureAt: ago(window + 60_000), lockedUntil: new Date(now.getTime() + 60_000) },
      ],
    });

    await signInWithPassword(db, { email: "someone-else@new.test", password: "wrong", address: null }, now);

    const keys = (await db.signInThrottle.findMany({ select: { key: true }, orderBy: { key: "asc" } })).map((row) => row.key);
    expect(keys).toEqual(["account:recent@old.test", "account:someone-else@new.test", "account:still-locked@old.test"]);
  });
});
