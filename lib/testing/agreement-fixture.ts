import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedDecision, seedUser } from "@/lib/testing/factories";

/**
 * The hand-computed three-annotator campaign of lib/agreement/campaign-report.test.ts, in a database
 * (integration, CLI and e2e tests check the same figures): k = 3, five images,
 * image 1: a {1}, b {1}, c {1} · image 2: a {1,2}, b {1}, c {2} · image 3: a {3}, b {3}, c ambiguous
 * image 4: a {5}, b {5} · image 5: a {5}. Consensus {1} on images 1 and 2; a study "real" says
 * {1}, {1,2}, no consensus, none fit, problematic; class group {1, 2}.
 */
export async function seedAgreementCampaign(db: Db) {
  const tag = randomBytes(3).toString("hex");
  await seedClasses(db, 10);
  const { datasetId, imageIds } = await seedDataset(db, 5);
  const users = await Promise.all(["a", "b", "c"].map((letter) => seedUser(db, "ANNOTATOR", { email: `agree-${letter}-${tag}@test.relabel` })));
  const [a, b, c] = users.map((user) => user.id) as [number, number, number];
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [a, b, c], annotatorsPerImage: 3, name: `Agreement ${tag}` });
  const image = (n: number) => imageIds[n - 1]!;
  const decisions: [number, number, Partial<Parameters<typeof seedDecision>[1]>][] = [
    [1, a, { classes: [1] }], [1, b, { classes: [1] }], [1, c, { classes: [1] }],
    [2, a, { classes: [1, 2] }], [2, b, { classes: [1] }], [2, c, { classes: [2] }],
    [3, a, { classes: [3] }], [3, b, { classes: [3] }], [3, c, { ambiguity: "BLURRY", candidateClasses: [3, 4] }],
    [4, a, { classes: [5] }], [4, b, { classes: [5] }],
    [5, a, { classes: [5] }],
  ];
  for (const [n, userId, content] of decisions) await seedDecision(db, { campaignId, imageId: image(n), userId, ...content });

  for (const n of [1, 2]) {
    await db.consensus.create({ data: { imageId: image(n), campaignId, status: n === 1 ? "AGREED" : "RESOLVED", classes: [1], method: n === 1 ? "majority:2" : "reviewer", decisionCount: 3 } });
  }
  await db.consensus.create({ data: { imageId: image(3), campaignId, status: "DISAGREED", classes: [], method: "majority:2", decisionCount: 3 } });
  const source = await db.labelSource.create({ data: { datasetId, name: "real", kind: "STUDY", title: "ReaL (Beyer et al. 2020)" } });
  await db.sourceLabel.createMany({
    data: [
      { sourceId: source.id, imageId: image(1), status: "LABELED", classes: [1] },
      { sourceId: source.id, imageId: image(2), status: "LABELED", classes: [2, 1] },
      { sourceId: source.id, imageId: image(3), status: "NO_CONSENSUS", classes: [] },
      { sourceId: source.id, imageId: image(4), status: "NONE_FIT", classes: [] },
      { sourceId: source.id, imageId: image(5), status: "PROBLEMATIC", classes: [] },
    ],
  });
  // A model is not a rater: its predictions must not appear among the sources compared against.
  const model = await db.labelSource.create({ data: { datasetId, name: "model:test", kind: "MODEL", title: "A model" } });
  await db.prediction.create({ data: { sourceId: model.id, imageId: image(1), classes: [1], scores: [] } });
  const group = await db.classGroup.create({ data: { codes: [2], origin: `test ${tag}`, members: { create: [{ classIndex: 1 }, { classIndex: 2 }] } } });
  return { campaignId, datasetId, imageIds, emails: users.map((user) => user.email) as [string, string, string], groupId: group.id };
}
