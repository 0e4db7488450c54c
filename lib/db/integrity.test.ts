import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";

/*
 * Impossible states, written with raw SQL as a buggy query or a hand-made fix would write them:
 * PostgreSQL itself must refuse each one (prisma/migrations/*_integrity_constraints and earlier).
 * Every refusal is paired with the nearest legal write, so a constraint that refuses everything fails too.
 */
const url = process.env.DATABASE_URL!;
const db = createDb(url);
const client = new pg.Client({ connectionString: url });

const UNIQUE = "23505";
const CHECK = "23514";
const FOREIGN_KEY = "23503";

let ctx: { datasetId: number; otherImageId: number; imageIds: number[]; campaignId: number; userId: number; sourceId: number };

beforeAll(async () => {
  await client.connect();
  await seedClasses(db, 1000);
  const { datasetId, imageIds } = await seedDataset(db, 4);
  const other = await seedDataset(db, 1);
  const { id: userId } = await seedUser(db);
  // Images 0 and 1 are in the queue; 2 and 3 are in the dataset but not in the campaign.
  const campaignId = await seedCampaign(db, { datasetId, imageIds: imageIds.slice(0, 2), memberIds: [userId], annotatorsPerImage: 2 });
  const { id: sourceId } = await db.labelSource.create({ data: { datasetId, name: "study", kind: "STUDY", title: "Study" } });
  ctx = { datasetId, otherImageId: other.imageIds[0]!, imageIds, campaignId, userId, sourceId };
});

afterAll(async () => {
  await client.end();
  await db.$disconnect();
});

/** Runs the statement in a savepoint-free transaction that is always rolled back, so cases never see each other's rows. */
async function attempt(sql: string, params: unknown[] = []): Promise<string | null> {
  await client.query("BEGIN");
  try {
    await client.query(sql, params);
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  } finally {
    await client.query("ROLLBACK");
  }
}

const decision = (classes = "{1}", candidates = "{}", shown = "{}") =>
  `INSERT INTO decisions (campaign_id, image_id, user_id, classes, candidate_classes, outside_labels, shown_classes, updated_at)
   VALUES ($1, $2, $3, '${classes}', '${candidates}', '{}', '${shown}', now())`;
const verdict = (classes: string) =>
  `INSERT INTO source_labels (source_id, image_id, status, classes) VALUES ($1, $2, 'LABELED', '${classes}')`;
const consensus = `INSERT INTO consensus (image_id, campaign_id, status, classes, candidate_classes, outside_labels, method, updated_at)
   VALUES ($1, $2, 'AGREED', '{3}', '{}', '{}', 'majority:2', now())`;
const assignment = `INSERT INTO assignments (campaign_id, image_id, user_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`;

describe("integrity: the database refuses impossible states", () => {
  it("one decision per annotator, image and campaign — also when the campaign is left out", async () => {
    const { campaignId, imageIds, userId } = ctx;
    expect(await attempt(`${decision()}; ${decision("{2}")}`.replaceAll("$1", String(campaignId)).replaceAll("$2", String(imageIds[0])).replaceAll("$3", String(userId)))).toBe(UNIQUE);
    expect(await attempt(decision(), [campaignId, imageIds[0], userId])).toBeNull();
    // A person's decision without a campaign would slip past the unique key (NULLs are distinct).
    expect(await attempt(decision(), [null, imageIds[0], userId])).toBe(CHECK);
  });

  it("class indices are whole, not negative, without holes, and name a class of the taxonomy", async () => {
    const { campaignId, imageIds, userId, sourceId } = ctx;
    const at = [campaignId, imageIds[0], userId];
    expect(await attempt(decision("{0,999}", "{0,999}", "{0,999}"), at)).toBeNull();
    expect(await attempt(decision("{-1}"), at)).toBe(CHECK);
    expect(await attempt(decision("{1,NULL}"), at)).toBe(CHECK);
    expect(await attempt(decision("{1000}"), at)).toBe(CHECK);
    expect(await attempt(decision("{1}", "{5,1000}"), at)).toBe(CHECK);
    expect(await attempt(decision("{1}", "{}", "{2000}"), at)).toBe(CHECK);
    expect(await attempt(verdict("{5}"), [sourceId, imageIds[0]])).toBeNull();
    expect(await attempt(verdict("{1000}"), [sourceId, imageIds[0]])).toBe(CHECK);
    expect(await attempt(verdict("{-3}"), [sourceId, imageIds[0]])).toBe(CHECK);
    const prediction = (classes: string, scores: string) =>
      attempt(`INSERT INTO predictions (source_id, image_id, classes, scores) VALUES ($1, $2, '${classes}', '${scores}')`, [sourceId, imageIds[0]]);
    expect(await prediction("{1,2}", "{0.9,0.1}")).toBeNull();
    expect(await prediction("{1,2}", "{}")).toBeNull();
    expect(await prediction("{1,1001}", "{}")).toBe(CHECK);
    // One score per class or none.
    expect(await prediction("{1,2}", "{0.9}")).toBe(CHECK);
    const hint = (classIndex: number | null) =>
      attempt(`INSERT INTO image_hints (source_id, image_id, class_index, category) VALUES ($1, $2, $3, 'fine-grained')`, [sourceId, imageIds[0], classIndex]);
    expect(await hint(null)).toBeNull();
    expect(await hint(999)).toBeNull();
    expect(await hint(1000)).toBe(CHECK);
    expect(await hint(-1)).toBe(CHECK);
  });

  it("before a taxonomy is loaded, an import may name classes but a decision may not", async () => {
    const { campaignId, imageIds, userId, sourceId } = ctx;
    const withoutTaxonomy = (sql: string) => attempt(`DELETE FROM classes; ${sql.replaceAll("$1", String(campaignId)).replaceAll("$2", String(imageIds[0])).replaceAll("$3", String(userId))}`);
    expect(await withoutTaxonomy(verdict("{5}").replace("$1", String(sourceId)))).toBeNull();
    expect(await withoutTaxonomy(decision("{}"))).toBeNull();
    expect(await withoutTaxonomy(decision("{5}"))).toBe(CHECK);
    expect(await withoutTaxonomy(decision("{}", "{5}"))).toBe(CHECK);
  });

  it("an update cannot bring an out-of-range class in either", async () => {
    const { campaignId, imageIds, userId } = ctx;
    const update = (classes: string) =>
      attempt(`${decision()}; UPDATE decisions SET classes = '${classes}' WHERE image_id = ${imageIds[0]}`.replaceAll("$1", String(campaignId)).replaceAll("$2", String(imageIds[0])).replaceAll("$3", String(userId)));
    expect(await update("{7}")).toBeNull();
    expect(await update("{7,1000}")).toBe(CHECK);
  });

  it("consensus is about an existing image of the campaign's queue, with counters in range", async () => {
    const { campaignId, imageIds } = ctx;
    expect(await attempt(consensus, [imageIds[0], campaignId])).toBeNull();
    expect(await attempt(consensus, [imageIds[2], null])).toBeNull();
    expect(await attempt(consensus, [2_000_000_000, null])).toBe(FOREIGN_KEY);
    expect(await attempt(consensus, [imageIds[2], campaignId])).toBe(FOREIGN_KEY);
    expect(await attempt(consensus.replace("'{3}'", "'{3000}'"), [imageIds[0], campaignId])).toBe(CHECK);
    const withAgreement = (agreement: number) =>
      attempt(`${consensus.replace("method, updated_at)", "method, updated_at, agreement)").replace("now())", `now(), ${agreement})`)}`, [imageIds[0], campaignId]);
    expect(await withAgreement(0.5)).toBeNull();
    expect(await withAgreement(1.5)).toBe(CHECK);
  });

  it("a campaign's queue holds images of its own dataset, slots never negative; claims and decisions are on queue images", async () => {
    const { campaignId, imageIds, otherImageId, userId } = ctx;
    const queue = (imageId: number) => attempt(`INSERT INTO campaign_images (campaign_id, image_id, position, open_slots) VALUES ($1, $2, 99, 1)`, [campaignId, imageId]);
    expect(await queue(imageIds[3]!)).toBeNull();
    expect(await queue(otherImageId)).toBe(FOREIGN_KEY);
    expect(await attempt(`UPDATE campaign_images SET open_slots = open_slots - 3 WHERE campaign_id = $1`, [campaignId])).toBe(CHECK);
    expect(await attempt(assignment, [campaignId, imageIds[1], userId])).toBeNull();
    expect(await attempt(assignment, [campaignId, imageIds[2], userId])).toBe(FOREIGN_KEY);
    expect(await attempt(`${assignment}; ${assignment}`.replaceAll("$1", String(campaignId)).replaceAll("$2", String(imageIds[1])).replaceAll("$3", String(userId)))).toBe(UNIQUE);
    expect(await attempt(decision(), [campaignId, imageIds[2], userId])).toBe(FOREIGN_KEY);
    expect(await attempt(`UPDATE campaigns SET claim_ttl_seconds = 0 WHERE id = $1`, [campaignId])).toBe(CHECK);
  });

  it("a source speaks only about images of its dataset", async () => {
    const { sourceId, imageIds, otherImageId } = ctx;
    expect(await attempt(verdict("{1}"), [sourceId, imageIds[3]])).toBeNull();
    expect(await attempt(verdict("{1}"), [sourceId, otherImageId])).toBe(FOREIGN_KEY);
    expect(await attempt(`INSERT INTO predictions (source_id, image_id, classes, scores) VALUES ($1, $2, '{1}', '{}')`, [sourceId, otherImageId])).toBe(FOREIGN_KEY);
  });

  it("a bulk import's trigger-free COPY (session_replication_role = replica) still meets the checks", async () => {
    const { sourceId, imageIds, otherImageId } = ctx;
    const replica = (sql: string) => `SET LOCAL session_replication_role = replica; ${sql}`;
    expect(await attempt(replica(verdict("{5}").replace("$1", String(sourceId)).replace("$2", String(imageIds[0]))))).toBeNull();
    expect(await attempt(replica(verdict("{1000}").replace("$1", String(sourceId)).replace("$2", String(imageIds[0]))))).toBe(CHECK);
    expect(await attempt(replica(verdict("{1}").replace("$1", String(sourceId)).replace("$2", String(otherImageId))))).toBe(FOREIGN_KEY);
    // Without RI triggers only source_rows_in_dataset stands between a COPY and an image id that names nothing.
    expect(await attempt(replica(verdict("{1}").replace("$1", String(sourceId)).replace("$2", "2000000000")))).toBe(FOREIGN_KEY);
  });

  it("a source's rows over a run of image ids pass by the run, and the exact check decides any other run", async () => {
    const { sourceId, imageIds, otherImageId } = ctx;
    const rows = (images: number[]) =>
      `INSERT INTO source_labels (source_id, image_id, status, classes) VALUES ${images.map((image) => `(${sourceId}, ${image}, 'LABELED', '{1}')`).join(", ")}`;
    expect(await attempt(rows(imageIds))).toBeNull();
    // The other dataset's image comes right after this dataset's: the run from the first image to it is not the dataset's alone.
    expect(await attempt(rows([imageIds[0]!, otherImageId]))).toBe(FOREIGN_KEY);
    // A gap in the run (an image deleted) sends the rows to the exact check, which lets them through.
    expect(await attempt(`DELETE FROM images WHERE id = ${imageIds[1]}; ${rows([imageIds[0]!, imageIds[2]!])}`)).toBeNull();
  });

  it("class indices are checked exactly in a taxonomy with a gap, where the bounds alone would pass", async () => {
    const { sourceId, imageIds } = ctx;
    const withGap = (classes: string) =>
      `INSERT INTO classes (index, wnid, lemmas, gloss) VALUES (1500, 'n99999999', '{gap}', ''); ${verdict(classes).replace("$1", String(sourceId)).replace("$2", String(imageIds[0]))}`;
    expect(await attempt(withGap("{1500, 3}"))).toBeNull();
    expect(await attempt(withGap("{1200}"))).toBe(CHECK);
  });

  it("images, decisions and jobs keep their counters above their floor", async () => {
    const { datasetId, campaignId, imageIds, userId } = ctx;
    const image = (column: string, value: number) =>
      attempt(`INSERT INTO images (dataset_id, file_key, split, storage_path, ${column}) VALUES ($1, 'x.JPEG', 'VAL', 'x.JPEG', $2)`, [datasetId, value]);
    expect(await image("file_number", 1)).toBeNull();
    expect(await image("file_number", 0)).toBe(CHECK);
    expect(await image("width", 0)).toBe(CHECK);
    expect(await image("bytes", -1)).toBe(CHECK);
    const timed = (ms: number) =>
      attempt(decision().replace("updated_at)", "updated_at, time_spent_ms)").replace("now())", `now(), ${ms})`), [campaignId, imageIds[0], userId]);
    expect(await timed(0)).toBeNull();
    expect(await timed(-5)).toBe(CHECK);
    expect(await attempt(`INSERT INTO jobs (kind, done) VALUES ('import', -1)`)).toBe(CHECK);
  });
});
