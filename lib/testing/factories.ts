import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign, type CampaignSpec } from "@/lib/campaigns/create-campaign";
import type { Db } from "@/lib/db";
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

type SourceKind = "ORIGINAL" | "STUDY" | "MODEL" | "EXPERT" | "CONSENSUS";
type VerdictStatus = "LABELED" | "NONE_FIT" | "NO_CONSENSUS" | "PROBLEMATIC";

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
export async function seedPredictions(db: Db, datasetId: number, name: string, rows: [imageId: number, classes: number[]][]) {
  const source = await db.labelSource.create({ data: { datasetId, name: `model:${name}`, kind: "MODEL", title: name }, select: { id: true } });
  await db.prediction.createMany({ data: rows.map(([imageId, classes]) => ({ sourceId: source.id, imageId, classes, scores: [] })) });
  return source.id;
}
