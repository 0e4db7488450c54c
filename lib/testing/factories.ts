import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign, type CampaignSpec } from "@/lib/campaigns/create-campaign";
import type { Db } from "@/lib/db";

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

export async function seedClasses(db: Db, count = 1000) {
  const existing = await db.imageClass.count();
  if (existing >= count) return;
  await db.imageClass.createMany({
    data: Array.from({ length: count }, (_, index) => ({ index, wnid: `n${String(index).padStart(8, "0")}`, lemmas: [`class ${index}`], gloss: "" })),
    skipDuplicates: true,
  });
}

/** A dataset of `count` validation images numbered 1..count. */
export async function seedDataset(db: Db, count: number) {
  const dataset = await db.dataset.create({ data: { slug: `test-${unique()}`, name: "Test dataset" }, select: { id: true } });
  await db.image.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      datasetId: dataset.id,
      fileKey: `ILSVRC2012_val_${String(i + 1).padStart(8, "0")}.JPEG`,
      split: "VAL" as const,
      fileNumber: i + 1,
      storagePath: `ILSVRC2012_val_${String(i + 1).padStart(8, "0")}.JPEG`,
    })),
  });
  const images = await db.image.findMany({ where: { datasetId: dataset.id }, orderBy: { fileNumber: "asc" }, select: { id: true } });
  return { datasetId: dataset.id, imageIds: images.map((image) => image.id) };
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
  ambiguity?: "BLURRY" | "FEATURES_OBSCURED" | "TOO_FAR" | "SEVERAL_CLASSES_POSSIBLE" | "OTHER" | null;
  candidateClasses?: number[];
  outsideLabels?: string[];
  notes?: string;
  timeSpentMs?: number;
}

/**
 * Submitted decisions in bulk (with their first revision and SUBMITTED assignments), bypassing the
 * claim queue. Plain SQL from one JSON recordset: Prisma's createMany takes seconds per thousand rows.
 */
export async function seedDecisions(db: Db, campaignId: number, specs: readonly DecisionSpec[]): Promise<number[]> {
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
    )
    SELECT id FROM inserted ORDER BY id`;
  return created.map((row) => row.id);
}
