import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const env = { RELABEL_PASSWORD: "a long enough password" };
// The first case starts the real CLI process (seconds on a busy two-core runner); the others run its program in this process.
const relabel = (...args: string[]) => runRelabelInProcess(args, env);

describe("relabel CLI", { timeout: 120_000 }, () => {
  it("creates a user with a hashed password and prints it as JSON", async () => {
    const result = await runRelabelCli(["user", "create", "--email", "Ada@Example.org", "--role", "admin"], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ email: "ada@example.org", role: "ADMIN" });
    const stored = await db.user.findUniqueOrThrow({ where: { email: "ada@example.org" }, select: { passwordHash: true, role: true } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a bad email, a short password and a duplicate, with a clear message", async () => {
    const bad = await relabel("user", "create", "--email", "not-an-email");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Enter a valid email address.");
    const short = await relabel("user", "create", "--email", "b@example.org", "--password", "short");
    expect(short.stderr).toContain("at least 10 characters");
    await relabel("user", "create", "--email", "dup@example.org");
    const again = await relabel("user", "create", "--email", "dup@example.org");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
    expect(await db.user.count({ where: { email: { in: ["not-an-email", "b@example.org"] } } })).toBe(0);
  });

  it("imports with --json summaries and reports stats as one JSON object", async () => {
    // A dry run answers with the same summaries and leaves nothing behind.
    const dryRun = await relabel("import", "classes", "prisma/demo/imagenet-classes/class_info.json", "--dry-run", "--json");
    expect(dryRun.code).toBe(0);
    expect(JSON.parse(dryRun.stdout)).toEqual([expect.objectContaining({ kind: "classes", stored: 1000 })]);
    expect(await db.imageClass.count()).toBe(0);
    const classes = await relabel("import", "classes", "prisma/demo/imagenet-classes/class_info.json", "--json");
    expect(classes.code).toBe(0);
    expect(JSON.parse(classes.stdout)).toEqual([expect.objectContaining({ kind: "classes", stored: 1000 })]);
    const original = await relabel("import", "original", "prisma/demo/imagenet-classes/imagenet-validation-original.json", "--json");
    expect(JSON.parse(original.stdout)[0]).toMatchObject({ kind: "original", source: "original", stored: 50_000 });
    // Audited like an import from the web, with no user.
    const audits = await db.auditLog.findMany({ where: { action: "data.import" }, orderBy: { id: "asc" }, select: { userId: true, entityId: true, details: true } });
    expect(audits).toEqual([
      { userId: null, entityId: "imagenet-val", details: { kind: "classes", path: expect.stringMatching(/class_info\.json$/), sources: [{ kind: "classes", source: null, stored: 1000 }] } },
      { userId: null, entityId: "imagenet-val", details: { kind: "original", path: expect.stringMatching(/original\.json$/), sources: [{ kind: "original", source: "original", stored: 50_000 }] } },
    ]);

    const stats = await relabel("stats", "--json");
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout);
    expect(parsed).toMatchObject({ dataset: "imagenet-val", images: 50_000, imagesWithPixels: 0 });
    expect(parsed.sources).toEqual([{ name: "original", kind: "ORIGINAL", title: "Original ImageNet label", imagesCovered: 50_000, emptyOrNoneFit: 0, multiLabel: 0 }]);
    expect(Object.keys(parsed.studyOverlap).sort()).toEqual(["atLeast1", "atLeast2", "atLeast3", "atLeast4", "identicalAmongAtLeast2", "studies"]);
  });

  it("names the file and the problem when an import fails, and exits 1", async () => {
    const result = await relabel("import", "real", "prisma/demo/imagenet-classes/class_info.json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^relabel: prisma\/demo\/imagenet-classes\/class_info\.json.*: /);
    expect(await db.auditLog.count({ where: { action: "data.import", details: { path: ["kind"], equals: "real" } } })).toBe(0);
  });
});
