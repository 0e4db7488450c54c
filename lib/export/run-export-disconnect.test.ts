import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { EXPORT_APPLICATION_NAME, runExport } from "@/lib/export/run-export";
import { seedClasses } from "@/lib/testing/factories";
import { cleanRuleSchema } from "@/lib/validation/export";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

let datasetId: number;

// Enough rows that the export cannot finish into socket buffers: the server must still be sending when the client leaves.
beforeAll(async () => {
  await seedClasses(db);
  const dataset = await db.dataset.create({ data: { slug: "big", name: "Big" }, select: { id: true } });
  datasetId = dataset.id;
  await db.$executeRaw`
    INSERT INTO images (dataset_id, file_key, split, file_number, storage_path)
    SELECT ${datasetId}, format('ILSVRC2012_val_%s.JPEG', lpad(n::text, 8, '0')), 'VAL', n, 'x' FROM generate_series(1, 60000) n`;
  await db.$executeRaw`
    INSERT INTO consensus (image_id, campaign_id, status, classes, candidate_classes, outside_labels, method, decision_count, agreement, updated_at)
    SELECT id, NULL, 'AGREED', ARRAY[file_number % 1000], '{}', '{}', 'majority:2', 3, 1, now() FROM images WHERE dataset_id = ${datasetId}`;
});

async function exportBackends(): Promise<{ state: string; query: string }[]> {
  return db.$queryRaw`SELECT state, query FROM pg_stat_activity WHERE application_name = ${EXPORT_APPLICATION_NAME} AND datname = current_database()`;
}

/** A sink that takes one chunk and then never asks for more, like a client that stopped reading. */
function stalledSink() {
  let received = 0;
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received < 4096) callback();
    },
  });
  return { sink, received: () => received };
}

describe("a download abandoned half-way", () => {
  for (const how of ["aborted by the request's signal", "the response stream destroyed"] as const) {
    it(`stops the query and closes its connection when ${how}`, async () => {
      const controller = new AbortController();
      const { sink, received } = stalledSink();
      const running = runExport(url, { format: "csv", scope: { datasetId, campaignId: null }, clean: cleanRuleSchema.parse({}) }, sink, { signal: controller.signal });
      const outcome = running.then(() => "finished", (error: Error) => error.name);
      // Mid-download: the server is still running the COPY while the client has stopped reading.
      await expect.poll(exportBackends, { timeout: 20_000 }).toEqual([expect.objectContaining({ state: "active", query: expect.stringContaining("COPY") })]);
      expect(received()).toBeGreaterThan(0);
      if (how === "aborted by the request's signal") controller.abort();
      else sink.destroy(new Error("client went away"));
      expect(await outcome).not.toBe("finished");
      await expect.poll(exportBackends, { timeout: 20_000 }).toEqual([]);
    });
  }
});
