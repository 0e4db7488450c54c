import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/record";
import { createDb } from "@/lib/db";
import { seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("audit log", () => {
  it("commits and rolls back with the change it records", async () => {
    const user = await seedUser(db);
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, { userId: user.id, action: "user.role", entity: "user", entityId: user.id });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.auditLog.count({ where: { userId: user.id } })).toBe(0);
    await recordAudit(db, { userId: user.id, action: "user.role", entity: "user", entityId: user.id, details: { to: "ADMIN" } });
    expect(await db.auditLog.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ entityId: String(user.id), details: { to: "ADMIN" } });
  });

  it("refuses UPDATE, DELETE and TRUNCATE", async () => {
    const user = await seedUser(db);
    await recordAudit(db, { userId: user.id, action: "user.create", entity: "user", entityId: user.id });
    const entry = await db.auditLog.findFirstOrThrow({ where: { userId: user.id } });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: "user.enable" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { userId: null, action: "user.enable" } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });

  it("keeps a deleted user's entries, unattributed (the foreign key's SET NULL is the one update allowed)", async () => {
    const user = await seedUser(db);
    await recordAudit(db, { userId: user.id, action: "auth.sign-in", entity: "user", entityId: user.id });
    await db.user.delete({ where: { id: user.id } });
    expect(await db.auditLog.findFirstOrThrow({ where: { entityId: String(user.id), action: "auth.sign-in" } })).toMatchObject({ userId: null });
  });
});
