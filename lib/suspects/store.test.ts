import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { computeSuspectScores } from "@/lib/suspects/compute";
import { refreshSuspectScores, refreshSuspectScoresOf } from "@/lib/suspects/store";
import { seedDataset, seedPredictions, seedVerdicts } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

/* Three images, original 1→5, 2→6, 3→7. A study confirms 1 and says 2 is class 9; a model agrees with it on 2. */
let datasetId: number;
let ids: number[];
let otherIds: number[];

beforeAll(async () => {
  const dataset = await seedDataset(db, 3);
  ({ datasetId, imageIds: ids } = dataset);
  const [a, b, c] = ids as [number, number, number];
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", [[a, [5]], [b, [6]], [c, [7]]]);
  await seedVerdicts(db, datasetId, "real", "STUDY", [[a, [5]], [b, [9]]]);
  await seedPredictions(db, datasetId, "m", [[a, [5]], [b, [9]], [c, [7]]]);
  const other = await seedDataset(db, 1);
  otherIds = other.imageIds;
  await seedVerdicts(db, other.datasetId, "original", "ORIGINAL", [[otherIds[0]!, [1]]]);
  await refreshSuspectScores(db, other.datasetId);
});

const stored = async () =>
  (await db.suspectScore.findMany({ where: { image: { datasetId } }, orderBy: { imageId: "asc" }, select: { imageId: true, score: true, parts: true } }));

describe("refreshSuspectScores", () => {
  it("stores every scored image's score and parts, as computed", async () => {
    expect(await refreshSuspectScores(db, datasetId)).toMatchObject({ images: 3 });
    const computed = await computeSuspectScores(db, datasetId);
    expect(await stored()).toEqual(computed.map((s) => ({ imageId: s.imageId, score: s.score, parts: s.parts })).sort((x, y) => x.imageId - y.imageId));
    const [, second] = await stored();
    // The study leaves out 6 (3 × 1) and the only model's top-1 is 9 (2 × 1).
    expect(second).toMatchObject({ imageId: ids[1], score: 5, parts: { absent: 3, models: 2 } });
  });

  it("replaces the dataset's scores when what feeds them changes, and leaves other datasets alone", async () => {
    await seedVerdicts(db, datasetId, "flaws-clean", "STUDY", [[ids[2]!, [8]]]);
    await refreshSuspectScoresOf(db, (await db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).slug);
    const third = (await stored()).find((row) => row.imageId === ids[2]);
    expect(third).toMatchObject({ score: 3, parts: { absent: 3 } });
    expect(await db.suspectScore.count({ where: { imageId: otherIds[0] } })).toBe(1);
    expect(await db.suspectScore.count({ where: { image: { datasetId } } })).toBe(3);
  });

  it("does nothing for a dataset that does not exist", async () => {
    expect(await refreshSuspectScoresOf(db, "no-such-dataset")).toBeNull();
  });
});
