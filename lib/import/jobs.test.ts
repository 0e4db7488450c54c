import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { DEMO_BUNDLE } from "@/lib/demo/load-demo";
import { startImportJob } from "@/lib/import/jobs";
import { seedUser } from "@/lib/testing/factories";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

async function finished(jobId: number) {
  await expect.poll(async () => (await db.importJob.findUniqueOrThrow({ where: { id: jobId } })).finishedAt, { timeout: 20_000 }).not.toBeNull();
  return db.auditLog.findMany({ where: { entity: "import", entityId: String(jobId) }, orderBy: { id: "asc" } });
}

describe("import jobs", () => {
  it("audit their start and their outcome, attributed to the admin", async () => {
    const admin = await seedUser(db, "ADMIN");
    const file = path.join(DEMO_BUNDLE, "imagenet-classes/class_info.json");
    const jobId = await startImportJob(db, url, { kind: "classes", path: file, dataset: "imagenet-val", options: {} }, admin.id);
    const entries = await finished(jobId);
    expect(entries.map((entry) => [entry.action, entry.userId, entry.details])).toEqual([
      ["import.start", admin.id, { kind: "classes", path: file, dataset: "imagenet-val" }],
      ["import.finish", admin.id, { status: "SUCCEEDED", stored: 1000 }],
    ]);
  });

  it("audit a failed import as finished with its status", async () => {
    const jobId = await startImportJob(db, url, { kind: "classes", path: "/nonexistent/class_info.json", dataset: "imagenet-val", options: {} }, null);
    const entries = await finished(jobId);
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([
      ["import.start", { kind: "classes", path: "/nonexistent/class_info.json", dataset: "imagenet-val" }],
      ["import.finish", { status: "FAILED" }],
    ]);
  });
});
