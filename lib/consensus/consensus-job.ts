import type { Tx } from "@/lib/campaigns/queue";
import { recordAudit } from "@/lib/audit/record";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { methodName } from "@/lib/consensus/rules";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { queueEvaluationAfter } from "@/lib/evaluation/evaluation-job";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";
import { defineJobKind } from "@/lib/jobs/define-job";
import { type EnqueueOptions, enqueueJob, enqueueJobWithin } from "@/lib/jobs/queue";
import { consensusJobPayloadSchema } from "@/lib/validation/jobs";

export const consensusDedupKey = (campaignId: number) => `consensus:${campaignId}`;

/**
 * A whole campaign's recomputation on the queue. It reads the campaign's rule when it starts
 * (recomputeCampaign does, under the campaign's lock) and writes in one transaction, so a killed
 * worker leaves the previous consensus in place and the retry starts over. One per campaign at a
 * time (a named queue): a request while one is queued is that one; a submit while one runs queues
 * one follow-up (it must see the new decision); a rule change supersedes the running one.
 */
export const consensusJob = defineJobKind({
  name: "consensus",
  payload: consensusJobPayloadSchema,
  title: (payload) => `Consensus of campaign ${payload.campaignId}`,
  dedupKey: (payload) => consensusDedupKey(payload.campaignId),
  followUp: true,
  maxAttempts: 3,
  async run(payload, ctx) {
    ctx.progress(0, null, "Reading decisions");
    const summary = await recomputeCampaign(ctx.db, payload.campaignId, {
      signal: ctx.signal,
      onProgress: ({ done, total }) => ctx.progress(done, total, `${done.toLocaleString("en")} of ${total.toLocaleString("en")} changed rows written`),
    });
    ctx.progress(summary.changed, summary.changed, `Recomputed with ${summary.rule}: ${summary.changed.toLocaleString("en")} of ${summary.images.toLocaleString("en")} images changed`);
    // The campaign's consensus is one of the evaluation protocols.
    const campaign = await ctx.db.campaign.findUnique({ where: { id: payload.campaignId }, select: { dataset: { select: { slug: true } } } });
    if (campaign && summary.changed > 0) await queueEvaluationAfter(ctx, campaign.dataset.slug);
    return summary;
  },
});

/** From an admin action: a rule change supersedes a running recomputation, which read the old rule. */
export function queueConsensus(db: Db, url: string, campaignId: number, userId: number | null, options: EnqueueOptions = {}) {
  return enqueueJob(db, url, consensusJob, { campaignId }, userId, options);
}

/** From a submit under Dawid–Skene: queued in the submit's transaction, deduplicated while one waits. */
export function queueConsensusWithin(tx: Tx, url: string, campaignId: number, userId: number | null) {
  return enqueueJobWithin(tx, url, consensusJob, { campaignId }, userId);
}

/**
 * Stores a campaign's new rule and queues its recomputation in one transaction. A recomputation
 * already running read the old rule, so it is superseded (cancelled; its transaction rolls back)
 * and the new job runs after it; one still queued reads the new rule when it starts and is kept.
 */
export async function changeConsensusRule(db: Db, url: string, input: { campaignId: number; rule: ConsensusRule; quorum: number | null }, userId: number) {
  return db.$transaction(async (tx) => {
    const found = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true } });
    if (!found) throw new NotFoundError("That campaign");
    await tx.campaign.update({ where: { id: input.campaignId }, data: { consensusRule: input.rule, consensusQuorum: input.quorum } });
    const rule = methodName(input.rule, input.quorum);
    await recordAudit(tx, { userId, action: "campaign.consensus-rule", entity: "campaign", entityId: input.campaignId, details: { rule } });
    const queued = await enqueueJobWithin(tx, url, consensusJob, { campaignId: input.campaignId }, userId, { supersede: true });
    return { ...queued, rule };
  });
}
