import { afterAll, describe, expect, it } from "vitest";
import { publishDatasetConsensus } from "@/lib/consensus/publish";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { resolveConsensus } from "@/lib/consensus/resolve";
import { createDb } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { resolveSchema } from "@/lib/validation/review";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("publishDatasetConsensus", () => {
  it("takes the latest resolution, else the latest agreement, as the versioned label source 'consensus'", async () => {
    await seedClasses(db, 10);
    const { datasetId, imageIds } = await seedDataset(db, 3);
    const [a, b, reviewer] = await Promise.all([seedUser(db), seedUser(db), seedUser(db, "REVIEWER")]);
    const memberIds = [a!.id, b!.id];
    const first = await seedCampaign(db, { datasetId, imageIds, memberIds, annotatorsPerImage: 2 });
    const second = await seedCampaign(db, { datasetId, imageIds: [imageIds[0]!], memberIds, annotatorsPerImage: 2 });
    // Image 0: agreed on 1 in the first campaign, resolved as 2 in the second. Image 1: agreed on 5. Image 2: disagreed.
    await seedDecisions(db, first, [
      { imageId: imageIds[0]!, userId: a!.id, classes: [1] },
      { imageId: imageIds[0]!, userId: b!.id, classes: [1] },
      { imageId: imageIds[1]!, userId: a!.id, classes: [5] },
      { imageId: imageIds[1]!, userId: b!.id, classes: [5] },
      { imageId: imageIds[2]!, userId: a!.id, classes: [6] },
      { imageId: imageIds[2]!, userId: b!.id, classes: [7] },
    ]);
    await seedDecisions(db, second, [
      { imageId: imageIds[0]!, userId: a!.id, classes: [2] },
      { imageId: imageIds[0]!, userId: b!.id, classes: [3] },
    ]);
    await recomputeCampaign(db, first);
    await recomputeCampaign(db, second);
    const resolution = { kind: "outcome", content: { classes: [2], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" } };
    await resolveConsensus(db, reviewer!.id, resolveSchema.parse({ campaignId: second, imageId: imageIds[0]!, expectedVersion: 1, resolution }));

    const summary = await publishDatasetConsensus(db, datasetId);
    expect(summary).toMatchObject({ source: "consensus", version: "1", images: 2, changed: 2 });
    const rows = await db.consensus.findMany({ where: { campaignId: null, image: { datasetId } }, orderBy: { imageId: "asc" } });
    expect(rows.map((r) => [r.imageId, r.status, r.classes])).toEqual([
      [imageIds[0], "RESOLVED", [2]],
      [imageIds[1], "AGREED", [5]],
    ]);
    const source = await db.labelSource.findUniqueOrThrow({ where: { datasetId_name: { datasetId, name: "consensus" } }, include: { labels: { orderBy: { imageId: "asc" } } } });
    expect(source.kind).toBe("CONSENSUS");
    expect(source.labels.map((l) => [l.imageId, l.status, l.classes])).toEqual([
      [imageIds[0], "LABELED", [2]],
      [imageIds[1], "LABELED", [5]],
    ]);

    // A later resolution in the first campaign wins over the earlier one in the second.
    await resolveConsensus(db, reviewer!.id, resolveSchema.parse({ campaignId: first, imageId: imageIds[0]!, expectedVersion: 1, resolution: { ...resolution, content: { ...resolution.content, classes: [4] } } }));
    const again = await publishDatasetConsensus(db, datasetId);
    expect(again).toMatchObject({ version: "2", changed: 1 });
    const history = await db.consensusRevision.findMany({ where: { consensus: { campaignId: null, imageId: imageIds[0]! } }, orderBy: { version: "asc" } });
    expect(history.map((r) => [r.version, r.classes, r.method])).toEqual([
      [1, [2], `campaign ${second}: reviewer`],
      [2, [4], `campaign ${first}: reviewer`],
    ]);
  });
});
