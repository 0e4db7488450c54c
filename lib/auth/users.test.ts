import { afterAll, describe, expect, it } from "vitest";
import { authenticate, createUser, DuplicateEmailError, findActiveUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("users", () => {
  it("stores an argon2id hash, never the password", async () => {
    await createUser(db, { email: "hash@x.org", name: "H", role: "ANNOTATOR", password: "correct horse battery" });
    const stored = await db.user.findUniqueOrThrow({ where: { email: "hash@x.org" }, select: { passwordHash: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain("correct horse");
  });

  it("authenticates the right password only", async () => {
    await createUser(db, { email: "sign@x.org", name: "S", role: "REVIEWER", password: "correct horse battery" });
    const ok = await authenticate(db, "sign@x.org", "correct horse battery");
    expect(ok).toMatchObject({ ok: true, user: { email: "sign@x.org", role: "REVIEWER" } });
    expect(await authenticate(db, "sign@x.org", "wrong password!")).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(await authenticate(db, "nobody@x.org", "correct horse battery")).toEqual({ ok: false, reason: "invalid-credentials" });
  });

  it("tells a disabled user so, but only after the right password", async () => {
    const user = await createUser(db, { email: "off@x.org", name: "O", role: "ADMIN", password: "correct horse battery" });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate(db, "off@x.org", "correct horse battery")).toEqual({ ok: false, reason: "disabled" });
    expect(await authenticate(db, "off@x.org", "wrong password!")).toEqual({ ok: false, reason: "invalid-credentials" });
    expect(await findActiveUser(db, user.id)).toBeNull();
  });

  it("refuses a second account with the same email and writes nothing", async () => {
    await createUser(db, { email: "dup@x.org", name: "D", role: "ANNOTATOR", password: "correct horse battery" });
    await expect(createUser(db, { email: "dup@x.org", name: "D2", role: "ADMIN", password: "correct horse battery" })).rejects.toBeInstanceOf(DuplicateEmailError);
    expect(await db.user.count({ where: { email: "dup@x.org" } })).toBe(1);
  });
});
