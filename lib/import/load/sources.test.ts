import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { replacePredictions } from "@/lib/import/load/sources";
import type { PredictionRecord } from "@/lib/import/records";
import { seedDataset } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

describe("replacePredictions", () => {
  it("finds images whose file keys hold the characters COPY escapes, by name and by validation file number", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 2);
    const awkward = "train/tab\there\\back\\slash\nline.JPEG";
    const [awkwardImage] = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO images (dataset_id, file_key, split, storage_path) VALUES (${datasetId}, ${awkward}, 'TRAIN', 'x.JPEG') RETURNING id`;
    // A stream, as JSON Lines are read: the importer cannot tell it names validation images only.
    function* records(): Generator<PredictionRecord> {
      yield { fileKey: awkward, classes: [3, 1], scores: [] };
      yield { fileNumber: 2, classes: [7], scores: [] };
      yield { fileKey: "train/not-in-the-dataset.JPEG", classes: [1], scores: [] };
    }

    await client.query("BEGIN");
    try {
      const counts = await replacePredictions(client, datasetId, { name: "model:awkward", kind: "MODEL", title: "Awkward" }, records());
      expect(counts).toMatchObject({ stored: 2, notInDataset: 1 });
      const { rows } = await client.query<{ image_id: number; classes: number[] }>(
        "SELECT image_id, classes FROM predictions WHERE source_id = $1 ORDER BY image_id",
        [counts.sourceId],
      );
      expect(rows).toEqual([
        { image_id: imageIds[1], classes: [7] },
        { image_id: awkwardImage!.id, classes: [3, 1] },
      ]);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
