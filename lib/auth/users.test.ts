import { afterAll, describe, expect, it } from "vitest";
import { authenticate, createUser, DuplicateEmailError, findActiveUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("users", () => {
  it("stores an argon2id hash, never the password", async () => {
    await createUser(db, { email: "hash@x.org", name: "H", role: "ANNOTATOR", password: "correct horse battery" });
    const stored = await db.user.findUniqueOrThrow({ where: { email: "hash@x.org" }, select: { passwordHash: true } });
    // argon2id with OWASP's minimum parameters, readable from the hash itself.
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
  });

  it("authenticates the right password only", async () => {
    await createUser(db, { email: "sign@x.org", name: "S", role: "REVIEWER", password: "correct horse battery" });
    const ok = await authenticate(db, "sign@x.org", "correct horse battery");
    expect(ok).toMatchObject({ ok: true, user: { email: "sign@x.org", role: "REVIEWER" } });
    expect(await authenticate(db, "sign@x.org", "wrong password!")).toEqual({ ok: false, reason: "invalid-credentials", userId: ok.ok ? ok.user.id : -1 });
    expect(await authenticate(db, "nobody@x.org", "correct horse battery")).toEqual({ ok: false, reason: "invalid-credentials", userId: null });
  });

  it("tells a disabled user so, but only after the right password", async () => {
    const user = await createUser(db, { email: "off@x.org", name: "O", role: "ADMIN", password: "correct horse battery" });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate(db, "off@x.org", "correct horse battery")).toEqual({ ok: false, reason: "disabled", userId: user.id });
    expect(await authenticate(db, "off@x.org", "wrong password!")).toEqual({ ok: false, reason: "invalid-credentials", userId: user.id });
    expect(await findActiveUser(db, user.id, 0)).toBeNull();
  });

  it("refuses a second account with the same email and writes nothing", async () => {
    await createUser(db, { email: "dup@x.org", name: "D", role: "ANNOTATOR", password: "correct horse battery" });
    await expect(createUser(db, { email: "dup@x.org", name: "D2", role: "ADMIN", password: "correct horse battery" })).rejects.toBeInstanceOf(DuplicateEmailError);
    expect(await db.user.count({ where: { email: "dup@x.org" } })).toBe(1);
  });
});

describe("sessions", () => {
  it("ends a session once the user's session version moves on", async () => {
    const user = await createUser(db, { email: "sv@x.org", name: "V", role: "ANNOTATOR", password: "correct horse battery" });
    expect(await findActiveUser(db, user.id, 0)).toMatchObject({ id: user.id });
    await db.user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await findActiveUser(db, user.id, 0)).toBeNull();
    expect(await findActiveUser(db, user.id, 1)).toMatchObject({ id: user.id });
  });

  it("audits a creation in its transaction: a duplicate writes no entry", async () => {
    const before = await db.auditLog.count({ where: { action: "user.create" } });
    const user = await createUser(db, { email: "aud@x.org", name: "A", role: "REVIEWER", password: "correct horse battery" }, null);
    await expect(createUser(db, { email: "aud@x.org", name: "A", role: "REVIEWER", password: "correct horse battery" })).rejects.toThrow();
    const entries = await db.auditLog.findMany({ where: { action: "user.create" }, skip: before });
    expect(entries).toEqual([expect.objectContaining({ entity: "user", entityId: String(user.id), details: { email: "aud@x.org", role: "REVIEWER" } })]);
  });
});
