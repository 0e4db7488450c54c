import { afterAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { ACCOUNT_RULE, ADDRESS_RULE, clientAddress, lockDurationMs } from "@/lib/auth/throttle";
import { createDb } from "@/lib/db";
import { FACTORY_PASSWORD, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 8, 0) + minutes * 60_000);
const attempt = (email: string, password: string, address: string | null = null) => ({ email, password, address });

describe("lockDurationMs", () => {
  it("allows the free failures, then doubles from one minute up to an hour", () => {
    const minutes = [1, 4, 5, 6, 7, 8, 12, 40].map((failures) => lockDurationMs(failures, ACCOUNT_RULE) / 60_000);
    expect(minutes).toEqual([0, 0, 1, 2, 4, 8, 60, 60]);
  });
});

describe("signInWithPassword", () => {
  it("locks an account after five wrong passwords, refuses even the right one while locked, and backs off", async () => {
    const user = await seedUser(db);
    for (let i = 1; i <= 4; i++) expect(await signInWithPassword(db, attempt(user.email, `wrong ${i}`), at(0))).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(await signInWithPassword(db, attempt(user.email, "wrong 5"), at(0))).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 60 });
    expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD), at(0.5))).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 30 });
    const refused = await db.auditLog.findFirstOrThrow({ where: { entityId: String(user.id) }, orderBy: { id: "desc" } });
    expect(refused).toMatchObject({ action: "auth.sign-in-failed", details: { email: user.email, address: null, reason: "rate-limited" } });
    // Lock over: the next wrong password locks for twice as long.
    expect(await signInWithPassword(db, attempt(user.email, "wrong 6"), at(2))).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 120 });
    expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD), at(5))).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const user = await seedUser(db);
    for (let i = 1; i <= 4; i++) await signInWithPassword(db, attempt(user.email, `wrong ${i}`), at(0));
    expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD), at(1))).toMatchObject({ ok: true });
    for (let i = 1; i <= 4; i++) expect(await signInWithPassword(db, attempt(user.email, `again ${i}`), at(2))).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("counts concurrent guesses exactly", async () => {
    const user = await seedUser(db);
    await Promise.all(Array.from({ length: 5 }, (_, i) => signInWithPassword(db, attempt(user.email, `parallel ${i}`), at(0))));
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: `account:${user.email}` } });
    expect(row.failures).toBe(5);
    expect(row.lockedUntil).toEqual(at(1));
  });

  it("limits one address trying many accounts, and leaves other addresses alone", async () => {
    for (let i = 0; i < ADDRESS_RULE.freeFailures - 1; i++) {
      expect(await signInWithPassword(db, attempt(`nobody-${i}@spray.test`, "guess", "203.0.113.9"), at(0))).toEqual({ ok: false, reason: "invalid-credentials" });
    }
    expect(await signInWithPassword(db, attempt("last@spray.test", "guess", "203.0.113.9"), at(0))).toMatchObject({ reason: "rate-limited" });
    const user = await seedUser(db);
    expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD, "203.0.113.9"), at(0))).toMatchObject({ reason: "rate-limited" });
    expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD, "198.51.100.1"), at(0))).toMatchObject({ ok: true });
  });

  it("audits every outcome without the password, and records the last sign-in", async () => {
    const user = await seedUser(db);
    await signInWithPassword(db, attempt(user.email, "secret-guess-xyz", "192.0.2.7"), at(0));
    await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD, "192.0.2.7"), at(1));
    const entries = await db.auditLog.findMany({ where: { details: { path: ["email"], equals: user.email } }, orderBy: { id: "asc" } });
    expect(entries).toEqual([
      expect.objectContaining({ action: "auth.sign-in-failed", userId: null, entityId: String(user.id), details: { email: user.email, address: "192.0.2.7", reason: "invalid-credentials" } }),
    ]);
    const success = await db.auditLog.findFirstOrThrow({ where: { action: "auth.sign-in", userId: user.id } });
    expect(success.details).toEqual({ address: "192.0.2.7" });
    expect(JSON.stringify((await db.auditLog.findMany({ select: { details: true } })).map((entry) => entry.details))).not.toContain("secret-guess");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toEqual(at(1));
  });

  it("does not count a disabled account's right password as a guess", async () => {
    const user = await seedUser(db, "ANNOTATOR", { active: false });
    for (let i = 0; i < 6; i++) expect(await signInWithPassword(db, attempt(user.email, FACTORY_PASSWORD), at(0))).toEqual({ ok: false, reason: "disabled" });
  });
});

describe("clientAddress", () => {
  const headers = { "x-forwarded-for": "10.9.9.9, 198.51.100.4" };

  it("ignores X-Forwarded-For unless RELABEL_TRUST_PROXY is set", () => {
    expect(clientAddress(headers, {})).toBeNull();
    expect(clientAddress(headers, { RELABEL_TRUST_PROXY: "0" })).toBeNull();
    expect(clientAddress(headers, { RELABEL_TRUST_PROXY: "yes" })).toBeNull();
  });

  it("takes the entry the trusted proxies appended, not what the client sent first", () => {
    expect(clientAddress(headers, { RELABEL_TRUST_PROXY: "1" })).toBe("198.51.100.4");
    expect(clientAddress(headers, { RELABEL_TRUST_PROXY: "2" })).toBe("10.9.9.9");
    expect(clientAddress({ "x-forwarded-for": "::ffff:192.0.2.1" }, { RELABEL_TRUST_PROXY: "true" })).toBe("192.0.2.1");
    expect(clientAddress({}, { RELABEL_TRUST_PROXY: "1" })).toBeNull();
  });
});
