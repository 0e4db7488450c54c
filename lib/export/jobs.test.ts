import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { beginExport, exportsFolder, exportToFile } from "@/lib/export/jobs";
import { seedCampaign, seedConsensus, seedDataset, seedUser } from "@/lib/testing/factories";
import { exportRequestSchema } from "@/lib/validation/export";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

let campaignId: number;
let slug: string;
let userId: number;

beforeAll(async () => {
  process.env.RELABEL_HOME = await mkdtemp(path.join(tmpdir(), "relabel-exports-"));
  const { datasetId, imageIds } = await seedDataset(db, 3);
  slug = (await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } })).slug;
  userId = (await seedUser(db, "REVIEWER")).id;
  campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [] });
  await seedConsensus(db, { imageId: imageIds[1]!, campaignId, status: "AGREED", classes: [42], decisionCount: 1 });
});

describe("recorded exports", () => {
  it("writes the file under $RELABEL_HOME/exports, records who, what and the consensus version, and audits the start", async () => {
    const begun = await beginExport(db, exportRequestSchema.parse({ format: "real-json", campaignId }), userId);
    await exportToFile(db, url, begun);
    const row = await db.export.findUniqueOrThrow({ where: { id: begun.id } });
    const consensus = await db.consensus.findFirstOrThrow({ where: { campaignId } });
    expect(row).toMatchObject({ status: "SUCCEEDED", format: "REAL_JSON", campaignId, createdById: userId, rows: 3, consensusRows: 1, consensusUpdatedAt: consensus.updatedAt });
    expect(await readdir(exportsFolder())).toEqual([row.fileName]);
    expect(JSON.parse(await readFile(path.join(exportsFolder(), row.fileName!), "utf8"))).toEqual([[], [42], []]);
    expect(Number(row.bytes)).toBe((await readFile(path.join(exportsFolder(), row.fileName!))).length);
    expect(await db.auditLog.count({ where: { action: "export.start", entityId: String(begun.id), userId } })).toBe(1);
  });

  it("an aborted export is recorded as cancelled and leaves no file behind", async () => {
    const begun = await beginExport(db, exportRequestSchema.parse({ format: "csv", dataset: slug }), userId);
    const controller = new AbortController();
    controller.abort();
    await expect(exportToFile(db, url, begun, { signal: controller.signal })).rejects.toThrow();
    const row = await db.export.findUniqueOrThrow({ where: { id: begun.id } });
    expect(row).toMatchObject({ status: "CANCELLED", fileName: null });
    expect((await readdir(exportsFolder())).filter((name) => name.includes(`-${begun.id}-`))).toEqual([]);
  });

  it("a campaign that does not exist, or a dataset that does not match the campaign, is refused before anything is recorded", async () => {
    const before = await db.export.count();
    await expect(beginExport(db, exportRequestSchema.parse({ format: "csv", campaignId: 999_999 }), userId)).rejects.toThrow("That campaign was not found.");
    await expect(beginExport(db, exportRequestSchema.parse({ format: "csv", campaignId, dataset: "other" }), userId)).rejects.toThrow(/belongs to the dataset/);
    expect(await db.export.count()).toBe(before);
  });
});
