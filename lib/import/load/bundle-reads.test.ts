import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { BundleReads, imagesFingerprint, readOnce, shareBundleReads } from "@/lib/import/load/bundle-reads";
import { seedDataset } from "@/lib/testing/factories";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
let datasetId: number;
beforeAll(async () => {
  await client.connect();
  ({ datasetId } = await seedDataset(db, 3));
});
afterAll(() => client.end());

const counting = () => {
  let reads = 0;
  return { read: async () => ++reads, get count() { return reads; } };
};

it("a bundle's client reads once while the images are unchanged, and again after one is added", async () => {
  shareBundleReads(client, new BundleReads());
  const ids = counting();
  const read = () => readOnce(client, "ids", () => imagesFingerprint(client, datasetId), ids.read);
  expect([await read(), await read()]).toEqual([1, 1]);
  await client.query(`INSERT INTO images (dataset_id, file_key, split, storage_path) VALUES ($1, 'n01440764_1.JPEG', 'TRAIN', 'n01440764/n01440764_1.JPEG')`, [datasetId]);
  expect(await read()).toBe(2);
  await client.query(`UPDATE images SET split = 'TEST' WHERE dataset_id = $1 AND file_number = 1`, [datasetId]);
  expect(await read()).toBe(3);
});

it("a client outside a bundle reads every time", async () => {
  const alone = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await alone.connect();
  try {
    const ids = counting();
    await readOnce(alone, "ids", () => imagesFingerprint(alone, datasetId), ids.read);
    await readOnce(alone, "ids", () => imagesFingerprint(alone, datasetId), ids.read);
    expect(ids.count).toBe(2);
  } finally {
    await alone.end();
  }
});
