import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign, type CampaignSpec } from "@/lib/campaigns/create-campaign";
import type { Db } from "@/lib/db";
import type { AmbiguityReason, SourceKind, VerdictStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Deterministic-enough builders for tests (unit, integration and e2e): each returns ids of rows
 * it created with unique names, so tests never depend on one another's data.
 */
const unique = () => randomBytes(4).toString("hex");

// A fixed, valid argon2id hash of "factory-password" so factories do not pay for hashing.
export const FACTORY_PASSWORD = "factory-password";
const FACTORY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$xglkIN7Iw44tnd5q4XF3TQ$jzkmsPru81fglOfq7OySXjWodsPF43L3l62Bka90cG0";

export async function seedUser(db: Db, role: Role = "ANNOTATOR", overrides: { active?: boolean; email?: string } = {}) {
  return db.user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}-${unique()}@test.relabel`,
      name: `${role.toLowerCase()} ${unique()}`,
      role,
      active: overrides.active ?? true,
      passwordHash: FACTORY_HASH,
    },
    select: { id: true, email: true, role: true },
  });
}

// Decisions and consensus rows may name only classes of a loaded taxonomy (the database checks it):
// the seeders that write them load one first.
export async function seedClasses(db: Db, count = 1000) {
  const existing = await db.imageClass.count();
  if (existing >= count) return;
  await db.imageClass.createMany({
    data: Array.from({ length: count }, (_, index) => ({ index, wnid: `n${String(index).padStart(8, "0")}`, lemmas: [`class ${index}`], gloss: "" })),
    skipDuplicates: true,
  });
}

/** A dataset of `count` validation images named and numbered as ImageNet's, made in one statement (the HTTP bench seeds 1.3M). */
export async function seedDataset(db: Db, count: number) {
  const dataset = await db.dataset.create({ data: { slug: `test-${unique()}`, name: "Test dataset" }, select: { id: true } });
  const images = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO images (dataset_id, file_key, split, file_number, storage_path)
    SELECT ${dataset.id}, name, 'VAL', n, name
    FROM generate_series(1, ${count}::int) AS n, LATERAL (SELECT 'ILSVRC2012_val_' || lpad(n::text, 8, '0') || '.JPEG' AS name) AS file
    ORDER BY n
    RETURNING id`;
  return { datasetId: dataset.id, imageIds: images.map((image) => image.id).sort((a, b) => a - b) };
}

export async function seedCampaign(db: Db, spec: Partial<CampaignSpec> & Pick<CampaignSpec, "datasetId" | "imageIds" | "memberIds">) {
  return createCampaign(db, {
    name: `Campaign ${unique()}`,
    instructions: "",
    annotatorsPerImage: 1,
    showPriorLabels: true,
    selection: {},
    createdById: null,
    ...spec,
  });
}

export interface DecisionSpec {
  imageId: number;
  userId: number;
  classes?: number[];
  ambiguity?: AmbiguityReason | null;
  candidateClasses?: number[];
  outsideLabels?: string[];
  notes?: string;
  timeSpentMs?: number;
}

/**
 * Submitted decisions in bulk as the labeling screen leaves them (first revision, SUBMITTED assignment, slot taken), bypassing the
 * claim queue. Plain SQL from one JSON recordset: Prisma's createMany takes seconds per thousand rows.
 */
export async function seedDecisions(db: Db, campaignId: number, specs: readonly DecisionSpec[]): Promise<number[]> {
  await seedClasses(db);
  const rows = specs.map((spec) => ({
    image_id: spec.imageId,
    user_id: spec.userId,
    classes: [...new Set(spec.classes ?? [])].sort((a, b) => a - b),
    ambiguity: spec.ambiguity ?? null,
    candidate_classes: spec.candidateClasses ?? [],
    outside_labels: spec.outsideLabels ?? [],
    notes: spec.notes ?? "",
    time_spent_ms: spec.timeSpentMs ?? null,
  }));
  const json = JSON.stringify(rows);
  const created = await db.$queryRaw<{ id: number }[]>`
    WITH inserted AS (
      INSERT INTO decisions (campaign_id, image_id, user_id, classes, ambiguity, candidate_classes, outside_labels, notes, time_spent_ms, updated_at)
      SELECT ${campaignId}::int, r.image_id, r.user_id, r.classes, r.ambiguity::"AmbiguityReason", r.candidate_classes, r.outside_labels, r.notes, r.time_spent_ms, now()
      FROM jsonb_to_recordset(${json}::jsonb) AS r(image_id int, user_id int, classes int[], ambiguity text,
           candidate_classes int[], outside_labels text[], notes text, time_spent_ms int)
      RETURNING *
    ), revisions AS (
      INSERT INTO decision_revisions (decision_id, version, classes, ambiguity, candidate_classes, outside_labels, notes, edited_by_id)
      SELECT id, 1, classes, ambiguity, candidate_classes, outside_labels, notes, user_id FROM inserted
    ), assignments AS (
      INSERT INTO assignments (campaign_id, image_id, user_id, status, expires_at, finished_at)
      SELECT campaign_id, image_id, user_id, 'SUBMITTED', now(), now() FROM inserted
      ON CONFLICT DO NOTHING
    ), slots AS (
      UPDATE campaign_images ci SET open_slots = greatest(ci.open_slots - taken.n, 0)
      FROM (SELECT image_id, count(*)::int AS n FROM inserted GROUP BY image_id) AS taken
      WHERE ci.campaign_id = ${campaignId}::int AND ci.image_id = taken.image_id
    )
    SELECT id FROM inserted ORDER BY id`;
  return created.map((row) => row.id);
}

/** One submitted decision (see seedDecisions). */
export async function seedDecision(db: Db, spec: DecisionSpec & { campaignId: number }): Promise<{ id: number }> {
  const [id] = await seedDecisions(db, spec.campaignId, [spec]);
  return { id: id! };
}

type ConsensusSeed = Partial<Omit<Prisma.ConsensusUncheckedCreateInput, "imageId">> & { imageId: number };

/** A consensus row with one revision per version, as the recomputation writes them (until it lands, tests make their own). */
export async function seedConsensus(db: Db, seed: ConsensusSeed) {
  await seedClasses(db);
  const consensus = await db.consensus.create({
    data: { status: "AGREED", classes: [], method: "majority:2", decisionCount: 0, ...seed },
    select: { id: true, version: true, status: true, classes: true, method: true },
  });
  await db.consensusRevision.createMany({
    data: Array.from({ length: consensus.version }, (_, i) => ({
      consensusId: consensus.id, version: i + 1, status: consensus.status, classes: consensus.classes, method: consensus.method, note: `version ${i + 1}`,
    })),
  });
  return consensus;
}

type DecisionSeed = Pick<Prisma.DecisionUncheckedCreateInput, "imageId" | "userId" | "campaignId"> &
  Partial<Pick<Prisma.DecisionUncheckedCreateInput, "ambiguity" | "notes" | "timeSpentMs" | "sourceId">> & {
    classes?: number[];
    candidateClasses?: number[];
    outsideLabels?: string[];
    /** Earlier contents, oldest first; the decision holds the last version. */
    history?: { classes: number[]; notes?: string }[];
  };

/** A decision with its revision history (version n after n - 1 edits), as submitDecision leaves it; queue slots untouched. */
export async function seedDecisionWithHistory(db: Db, seed: DecisionSeed) {
  await seedClasses(db);
  const { history = [], ...fields } = seed;
  const content = { classes: fields.classes ?? [], ambiguity: fields.ambiguity ?? null, candidateClasses: fields.candidateClasses ?? [], outsideLabels: fields.outsideLabels ?? [], notes: fields.notes ?? "" };
  const decision = await db.decision.create({
    data: { ...fields, ...content, version: history.length + 1, shownClasses: content.classes, shownSources: ["original"] },
    select: { id: true, version: true },
  });
  await db.decisionRevision.createMany({
    data: [
      ...history.map((earlier, i) => ({ ...content, ...earlier, notes: earlier.notes ?? "", decisionId: decision.id, version: i + 1, editedById: fields.userId ?? null })),
      { ...content, decisionId: decision.id, version: decision.version, editedById: fields.userId ?? null },
    ],
  });
  return decision;
}

/** A label source with one verdict per listed image: `[imageId, classes, status?, details?]`. */
export async function seedVerdicts(
  db: Db,
  datasetId: number,
  name: string,
  kind: SourceKind,
  rows: [imageId: number, classes: number[], status?: VerdictStatus, details?: Prisma.InputJsonObject][],
) {
  const source = await db.labelSource.create({ data: { datasetId, name, kind, title: name }, select: { id: true } });
  await db.sourceLabel.createMany({
    data: rows.map(([imageId, classes, status, details]) => ({ sourceId: source.id, imageId, classes, status: status ?? (classes.length ? "LABELED" : "NONE_FIT"), details })),
  });
  return source.id;
}

/** A model source with its top-k per image, best first. */
/** `publishedK`: how many predictions per image the "file" had (rows here may hold fewer, as hand-made cases do). */
export async function seedPredictions(db: Db, datasetId: number, name: string, rows: [imageId: number, classes: number[]][], publishedK = 5) {
  const source = await db.labelSource.create({ data: { datasetId, name: `model:${name}`, kind: "MODEL", title: name, publishedK }, select: { id: true } });
  await db.prediction.createMany({ data: rows.map(([imageId, classes]) => ({ sourceId: source.id, imageId, classes, scores: [] })) });
  return source.id;
}
