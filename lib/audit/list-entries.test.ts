import { afterAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "@/lib/audit/list-entries";
import { recordAudit } from "@/lib/audit/record";
import { createDb } from "@/lib/db";
import { seedUser } from "@/lib/testing/factories";
import { auditFilterSchema } from "@/lib/validation/audit";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const filter = (params: Record<string, string>) => auditFilterSchema.parse(params);

describe("listAuditEntries", () => {
  it("filters by action, acting user, entity and UTC day range, newest first", async () => {
    const alice = await seedUser(db, "ADMIN");
    const bob = await seedUser(db, "ADMIN");
    await recordAudit(db, { userId: alice.id, action: "user.disable", entity: "user", entityId: 7 });
    await recordAudit(db, { userId: bob.id, action: "user.disable", entity: "user", entityId: 8 });
    await recordAudit(db, { userId: alice.id, action: "campaign.create", entity: "campaign", entityId: 3 });
    await db.auditLog.create({ data: { userId: alice.id, action: "job.queue", entity: "job", entityId: "1", at: new Date("2026-01-15T23:59:00Z") } });

    const byAlice = await listAuditEntries(db, filter({ user: alice.email.toUpperCase() }));
    expect(byAlice.entries.map((entry) => entry.action)).toEqual(["campaign.create", "user.disable", "job.queue"]);
    expect(byAlice.entries[0]).toMatchObject({ userEmail: alice.email, entityId: "3" });

    expect((await listAuditEntries(db, filter({ action: "user.disable" }))).entries.map((entry) => entry.userEmail)).toEqual([bob.email, alice.email]);
    expect((await listAuditEntries(db, filter({ entity: "user", entityId: "8" }))).entries.map((entry) => entry.userEmail)).toEqual([bob.email]);
    expect((await listAuditEntries(db, filter({ from: "2026-01-15", to: "2026-01-15" }))).entries.map((entry) => entry.action)).toEqual(["job.queue"]);
    expect((await listAuditEntries(db, filter({ from: "2026-01-16", to: "2026-02-01" }))).total).toBe(0);
  });

  it("pages through entries and reads malformed URL params as no filter", async () => {
    const user = await seedUser(db, "ADMIN");
    await db.auditLog.createMany({ data: Array.from({ length: AUDIT_PAGE_SIZE + 5 }, (_, i) => ({ userId: user.id, action: "auth.sign-in", entity: "user", entityId: String(i) })) });
    const first = await listAuditEntries(db, filter({ user: user.email }));
    const second = await listAuditEntries(db, filter({ user: user.email, page: "2" }));
    expect([first.entries.length, second.entries.length, first.pages, first.total]).toEqual([AUDIT_PAGE_SIZE, 5, 2, AUDIT_PAGE_SIZE + 5]);
    expect(second.entries.at(-1)?.entityId).toBe("0");
    expect(auditFilterSchema.parse({ action: "drop table", page: "-3", from: "yesterday" })).toEqual({ page: 1 });
  });
});
