import { createCampaign } from "@/lib/campaigns/create-campaign";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import type { Db } from "@/lib/db";
import { seedDecisions, type DecisionSpec } from "@/lib/testing/factories";

export const REPLAY_CAMPAIGN = "Prior studies, replayed";
const MODEL = "model:resnet50";

/**
 * Whose decisions the replay holds: accounts of their own, disabled (nobody signs in as a study),
 * so the demo annotators start with an empty history.
 */
export const REPLAY_ANNOTATORS = [
  { email: "real.replay@relabel.demo", name: "ReaL (replayed)" },
  { email: "northcutt.replay@relabel.demo", name: "Northcutt et al. (replayed)" },
] as const;

export const REPLAY_INSTRUCTIONS =
  "**A replay, not a labeling round.** This finished campaign shows real disagreements between published studies: " +
  "*ReaL (replayed)*'s decisions are ReaL's label sets (Beyer et al. 2020; an empty ReaL set becomes “not in ImageNet”), " +
  "*Northcutt et al. (replayed)*'s are the majority of Northcutt et al. (2021)'s raters, or else ResNet-50's top-1 prediction. " +
  "Their consensus is computed at load; reviewers find the disagreements in the review queue.";

/**
 * The demo's second campaign: finished, over the given images, with decisions replayed from real
 * verdicts, so the review queue holds the disagreements between studies at once. Returns its id.
 */
export async function loadReplayCampaign(
  db: Db,
  spec: { datasetId: number; imageIds: number[]; annotatorIds: [number, number]; createdById: number | null },
): Promise<{ campaignId: number; decisions: number }> {
  const [replayReal, replayNorthcutt] = spec.annotatorIds;
  const sources = await db.labelSource.findMany({ where: { datasetId: spec.datasetId, name: { in: ["real", "northcutt", MODEL] } }, select: { id: true, name: true } });
  const idOf = (name: string) => sources.find((source) => source.name === name)?.id ?? -1;
  const [labels, predictions] = await Promise.all([
    db.sourceLabel.findMany({ where: { imageId: { in: spec.imageIds }, sourceId: { in: [idOf("real"), idOf("northcutt")] } }, select: { imageId: true, sourceId: true, status: true, classes: true } }),
    db.prediction.findMany({ where: { imageId: { in: spec.imageIds }, sourceId: idOf(MODEL) }, select: { imageId: true, classes: true } }),
  ]);

  const decisions: DecisionSpec[] = [];
  for (const imageId of spec.imageIds) {
    const real = labels.find((label) => label.imageId === imageId && label.sourceId === idOf("real"));
    if (real?.status === "LABELED" && real.classes.length > 0) decisions.push({ imageId, userId: replayReal, classes: real.classes, notes: "Replayed from ReaL (Beyer et al. 2020)." });
    else if (real?.status === "NONE_FIT") decisions.push({ imageId, userId: replayReal, outsideLabels: ["none of the imagenet classes"], notes: "Replayed from ReaL: its raters found no fitting class." });
    const northcutt = labels.find((label) => label.imageId === imageId && label.sourceId === idOf("northcutt"));
    const top1 = predictions.find((prediction) => prediction.imageId === imageId)?.classes[0];
    if (northcutt?.status === "LABELED" && northcutt.classes.length > 0) {
      decisions.push({ imageId, userId: replayNorthcutt, classes: northcutt.classes, notes: "Replayed from the Northcutt et al. (2021) majority." });
    } else if (top1 !== undefined) {
      decisions.push({ imageId, userId: replayNorthcutt, classes: [top1], notes: "Replayed from ResNet-50's top-1 (no Northcutt majority)." });
    }
  }

  const campaignId = await createCampaign(db, {
    datasetId: spec.datasetId,
    name: REPLAY_CAMPAIGN,
    instructions: REPLAY_INSTRUCTIONS,
    annotatorsPerImage: 2,
    showPriorLabels: true,
    selection: { kind: "with-pixels", replay: ["real", "northcutt", MODEL] },
    imageIds: spec.imageIds,
    memberIds: spec.annotatorIds,
    createdById: spec.createdById,
  });
  await seedDecisions(db, campaignId, decisions);
  await db.$executeRaw`
    UPDATE campaign_images ci SET open_slots = GREATEST(0, 2 - (SELECT count(*) FROM decisions d WHERE d.campaign_id = ci.campaign_id AND d.image_id = ci.image_id))
    WHERE ci.campaign_id = ${campaignId}`;
  await db.campaign.update({ where: { id: campaignId }, data: { status: "CLOSED", closedAt: new Date() } });
  await recomputeCampaign(db, campaignId);
  return { campaignId, decisions: decisions.length };
}
