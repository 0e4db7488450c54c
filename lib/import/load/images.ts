import type pg from "pg";
import type { Split } from "@/lib/generated/prisma/enums";
import { copyReferencing, lockForBulkLoad } from "@/lib/import/load/bulk";
import { analyzeAfterBulkWrite, copyRows, encodeRow, mapRows } from "@/lib/import/load/copy";

export interface ImageRow {
  fileKey: string;
  split: Split;
  fileNumber: number | null;
  storagePath: string;
  width: number | null;
  height: number | null;
  bytes: number | null;
  contentHash: string | null;
}

const COLUMNS = ["file_key", "split", "file_number", "storage_path", "width", "height", "bytes", "content_hash"] as const;
const values = (image: ImageRow) => [
  image.fileKey, image.split, image.fileNumber, image.storagePath,
  image.width, image.height, image.bytes, image.contentHash,
] as const;

/**
 * Adds images or refreshes what is known of them; never deletes (decisions hang off images).
 * Known dimensions and hashes are kept when a new row does not know them.
 */
export async function upsertImages(client: pg.Client, datasetId: number, images: Iterable<ImageRow>): Promise<number> {
  const bulk = await lockForBulkLoad(client);
  const { rows } = await client.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM images WHERE dataset_id = $1) AS empty`, [datasetId]);
  // A dataset's first import has nothing to merge with: COPY straight into images, each row written once.
  if (rows[0]!.empty) {
    let copied = 0;
    const rows = mapRows(images, (image) => {
      copied++;
      return encodeRow([datasetId, ...values(image)]);
    });
    await copyReferencing(client, bulk, "images", ["dataset_id", ...COLUMNS], rows, [{ column: "dataset_id", table: "datasets" }], { where: "t.dataset_id = $1", params: [datasetId] });
    return copied;
  }
  await client.query(
    `CREATE TEMP TABLE incoming_images (file_key text, split "Split", file_number int, storage_path text,
       width int, height int, bytes int, content_hash text) ON COMMIT DROP`,
  );
  await copyRows(client, "incoming_images", COLUMNS, mapRows(images, values));
  const result = await client.query(
    `INSERT INTO images (dataset_id, file_key, split, file_number, storage_path, width, height, bytes, content_hash)
     SELECT $1, file_key, split, file_number, storage_path, width, height, bytes, content_hash FROM incoming_images
     ON CONFLICT (dataset_id, file_key) DO UPDATE SET
       split = EXCLUDED.split,
       file_number = EXCLUDED.file_number,
       storage_path = EXCLUDED.storage_path,
       width = COALESCE(EXCLUDED.width, images.width),
       height = COALESCE(EXCLUDED.height, images.height),
       bytes = COALESCE(EXCLUDED.bytes, images.bytes),
       content_hash = COALESCE(EXCLUDED.content_hash, images.content_hash)`,
    [datasetId],
  );
  await client.query("DROP TABLE incoming_images");
  await analyzeAfterBulkWrite(client, "images", result.rowCount ?? 0);
  return result.rowCount ?? 0;
}
