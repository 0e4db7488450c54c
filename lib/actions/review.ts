"use server";

import { defineAction } from "@/lib/actions/define-action";
import { revalidatePath } from "next/cache";
import { changeConsensusRule, consensusDedupKey, consensusJob } from "@/lib/consensus/consensus-job";
import { publishConsensusJob } from "@/lib/consensus/publish-job";
import { resolveConsensus, sendBackForAnnotation } from "@/lib/consensus/resolve";
import { requireDatasetId } from "@/lib/datasets";
import { db, databaseUrlOf } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { cancelJob, enqueueJob } from "@/lib/jobs/queue";
import { campaignJobRefSchema, publishConsensusPayloadSchema } from "@/lib/validation/jobs";
import { consensusRuleSchema, resolveSchema, sendBackSchema } from "@/lib/validation/review";

export const resolveConsensusAction = defineAction("review:resolve", resolveSchema, (input, user) => resolveConsensus(db, user.id, input));

export const sendBackAction = defineAction("review:resolve", sendBackSchema, (input, user) => sendBackForAnnotation(db, user.id, input));

/** Stores the rule and queues the campaign's recomputation (see changeConsensusRule). */
export const setConsensusRuleAction = defineAction(
  "campaign:manage",
  consensusRuleSchema,
  (input, user) => changeConsensusRule(db, databaseUrlOf(), input, user.id),
  "setConsensusRule",
);

export const cancelConsensusJobAction = defineAction(
  "campaign:manage",
  campaignJobRefSchema,
  async (input) => {
    // The job must be this campaign's: a job id from elsewhere finds nothing.
    const job = await db.job.findFirst({ where: { id: input.jobId, kind: consensusJob.name, dedupKey: consensusDedupKey(input.campaignId) }, select: { id: true } });
    if (!job) throw new NotFoundError("That job");
    return { outcome: await cancelJob(db, job.id, consensusJob.name) };
  },
  "cancelConsensusJob",
);

/** Queues publishing a dataset's consensus from its campaigns (see publishConsensusJob). */
export const publishConsensusAction = defineAction(
  "review:resolve",
  publishConsensusPayloadSchema,
  async (input, user) => {
    await requireDatasetId(db, input.dataset);
    const queued = await enqueueJob(db, databaseUrlOf(), publishConsensusJob, input, user.id);
    revalidatePath("/admin/exports");
    return queued;
  },
  "publishConsensus",
);
