import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { seedUser } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// One case starts the real CLI process (seconds on a busy machine); the others run its program in this process.
const relabel = (args: string[], env: Record<string, string> = {}) => runRelabelInProcess(args, env);

describe("relabel user", () => {
  it("creates only users whose password passes the strength check", async () => {
    const weak = await relabel(["user", "create", "--email", "weak@example.org"], { RELABEL_PASSWORD: "aaaaaaaaaa" });
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringContaining("password: Repeated characters") });
    const strong = await runRelabelCli(["user", "create", "--email", "strong@example.org", "--role", "reviewer"], { RELABEL_PASSWORD: "quiet lantern orchard 42" });
    expect(strong.code).toBe(0);
    expect(JSON.parse(strong.stdout)).toEqual({ id: expect.any(Number), email: "strong@example.org", role: "REVIEWER" });
    expect(await db.user.count({ where: { email: "weak@example.org" } })).toBe(0);
  }, 60_000);

  it("lists, disables, enables, changes roles and resets passwords with --json, audited, keeping the last admin", async () => {
    const annotator = await seedUser(db);
    await db.user.updateMany({ where: { role: "ADMIN" }, data: { role: "REVIEWER" } });
    const admin = await seedUser(db, "ADMIN");

    const list = JSON.parse((await relabel(["user", "list", "--json"])).stdout);
    expect(list).toContainEqual({ id: annotator.id, email: annotator.email, name: expect.any(String), role: "ANNOTATOR", active: true, lastSignInAt: null, createdAt: expect.any(String) });

    expect(JSON.parse((await relabel(["user", "disable", annotator.email, "--json"])).stdout)).toEqual({ id: annotator.id, email: annotator.email, active: false });
    expect(JSON.parse((await relabel(["user", "enable", annotator.email.toUpperCase(), "--json"])).stdout)).toEqual({ id: annotator.id, email: annotator.email, active: true });
    expect(JSON.parse((await relabel(["user", "role", annotator.email, "reviewer", "--json"])).stdout)).toEqual({ id: annotator.id, email: annotator.email, role: "REVIEWER" });

    const reset = JSON.parse((await relabel(["user", "reset-password", annotator.email, "--generate", "--json"])).stdout);
    expect(reset).toEqual({ id: annotator.id, email: annotator.email, generatedPassword: expect.stringMatching(/^[\w-]{20}$/) });
    expect(await authenticate(db, annotator.email, reset.generatedPassword)).toMatchObject({ ok: true, user: { role: "REVIEWER" } });

    const lastAdmin = await relabel(["user", "role", admin.email, "annotator"]);
    expect(lastAdmin).toMatchObject({ code: 1, stderr: expect.stringContaining("last active admin") });
    const unknown = await relabel(["user", "disable", "nobody@example.org"]);
    expect(unknown).toMatchObject({ code: 1, stderr: "relabel: No user with the email nobody@example.org.\n" });

    const actions = await db.auditLog.findMany({ where: { entityId: String(annotator.id) }, orderBy: { id: "asc" }, select: { action: true, userId: true } });
    expect(actions).toEqual(["user.disable", "user.enable", "user.role", "user.password-reset"].map((action) => ({ action, userId: null })));
  });
});
