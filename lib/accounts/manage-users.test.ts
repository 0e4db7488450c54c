import { afterAll, describe, expect, it } from "vitest";
import { changeOwnPassword, generatePassword, LastAdminError, resetPassword, setUserActive, setUserRole } from "@/lib/accounts/manage-users";
import { authenticate, findActiveUser } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { FACTORY_PASSWORD, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const versionOf = async (id: number) => (await db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
const auditsOf = (id: number) => db.auditLog.findMany({ where: { entity: "user", entityId: String(id) }, orderBy: { id: "asc" } });

// Every test needs the admin set to itself: each file has its own database, so only this file's users count.
async function onlyAdmins(count: number) {
  await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "REVIEWER" } });
  return Promise.all(Array.from({ length: count }, () => seedUser(db, "ADMIN")));
}

describe("account management", () => {
  it("disables a user, ending their sessions, and enables them again, each audited with the admin", async () => {
    const [admin] = await onlyAdmins(1);
    const user = await seedUser(db);
    await setUserActive(db, admin!.id, user.id, false);
    expect(await findActiveUser(db, user.id, 0)).toBeNull();
    expect(await authenticate(db, user.email, FACTORY_PASSWORD)).toMatchObject({ ok: false, reason: "disabled" });
    await setUserActive(db, admin!.id, user.id, true);
    expect(await findActiveUser(db, user.id, 0)).toBeNull();
    expect(await findActiveUser(db, user.id, 1)).toMatchObject({ id: user.id });
    expect((await auditsOf(user.id)).map((entry) => [entry.action, entry.userId])).toEqual([
      ["user.disable", admin!.id],
      ["user.enable", admin!.id],
    ]);
  });

  it("changes a role, ending the user's sessions; a no-op change writes nothing", async () => {
    await onlyAdmins(1);
    const user = await seedUser(db);
    await setUserRole(db, null, user.id, "REVIEWER");
    await setUserRole(db, null, user.id, "REVIEWER");
    expect(await versionOf(user.id)).toBe(1);
    expect((await auditsOf(user.id)).map((entry) => entry.details)).toEqual([{ email: user.email, from: "ANNOTATOR", to: "REVIEWER" }]);
  });

  it("never removes the last active admin, by demotion or by disabling, and writes nothing when it refuses", async () => {
    const [admin] = await onlyAdmins(1);
    await expect(setUserRole(db, admin!.id, admin!.id, "ANNOTATOR")).rejects.toBeInstanceOf(LastAdminError);
    await expect(setUserActive(db, admin!.id, admin!.id, false)).rejects.toBeInstanceOf(LastAdminError);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin!.id } })).toMatchObject({ role: "ADMIN", active: true, sessionVersion: 0 });
    expect(await auditsOf(admin!.id)).toEqual([]);
    // A disabled admin does not count as the one that remains.
    await seedUser(db, "ADMIN", { active: false });
    await expect(setUserRole(db, null, admin!.id, "REVIEWER")).rejects.toBeInstanceOf(LastAdminError);
  });

  it("lets exactly one of two concurrent demotions of the last two admins through", async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await onlyAdmins(2);
      const results = await Promise.allSettled([setUserRole(db, null, a!.id, "REVIEWER"), setUserActive(db, null, b!.id, false)]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: expect.any(LastAdminError) });
      expect(await db.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    }
  });

  it("resets a password to one that passes the policy, or generates one, and ends the sessions", async () => {
    const user = await seedUser(db);
    await expect(resetPassword(db, null, user.id, "aaaaaaaaaa")).rejects.toThrow(/easy to guess/);
    expect(await versionOf(user.id)).toBe(0);
    expect(await resetPassword(db, null, user.id, "quiet lantern orchard 42")).toBeNull();
    expect(await authenticate(db, user.email, "quiet lantern orchard 42")).toMatchObject({ ok: true });
    const generated = await resetPassword(db, null, user.id);
    expect(generated).toMatch(/^[\w-]{20}$/);
    expect(await authenticate(db, user.email, generated!)).toMatchObject({ ok: true });
    expect(await versionOf(user.id)).toBe(2);
    expect((await auditsOf(user.id)).map((entry) => entry.details)).toEqual([
      { email: user.email, generated: false },
      { email: user.email, generated: true },
    ]);
    await expect(resetPassword(db, null, 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets a user change their own password only with the current one", async () => {
    const user = await seedUser(db);
    await expect(changeOwnPassword(db, user.id, "not it", "quiet lantern orchard 42")).rejects.toThrow("Your current password is not correct.");
    await expect(changeOwnPassword(db, user.id, FACTORY_PASSWORD, "password1234")).rejects.toThrow(/common|guess/);
    await changeOwnPassword(db, user.id, FACTORY_PASSWORD, "quiet lantern orchard 42");
    expect(await authenticate(db, user.email, "quiet lantern orchard 42")).toMatchObject({ ok: true, sessionVersion: 1 });
  });

  it("generates passwords that differ every time", () => {
    expect(new Set(Array.from({ length: 50 }, generatePassword)).size).toBe(50);
  });
});
