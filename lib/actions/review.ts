"use server";

import { defineAction } from "@/lib/actions/define-action";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import { resolveConsensus, sendBackForAnnotation } from "@/lib/consensus/resolve";
import { db } from "@/lib/db";
import { consensusRuleSchema, resolveSchema, sendBackSchema } from "@/lib/validation/review";

export const resolveConsensusAction = defineAction("review:resolve", resolveSchema, (input, user) => resolveConsensus(db, user.id, input));

export const sendBackAction = defineAction("review:resolve", sendBackSchema, (input, user) => sendBackForAnnotation(db, user.id, input));

/** Stores the rule and recomputes the campaign in the same lock (see recomputeCampaign). */
export const setConsensusRuleAction = defineAction("campaign:manage", consensusRuleSchema, async (input, user) => {
  const summary = await recomputeCampaign(db, input.campaignId, { rule: { rule: input.rule, quorum: input.quorum } });
  await db.auditLog.create({
    data: { userId: user.id, action: "campaign.consensus-rule", entity: "campaign", entityId: String(input.campaignId), details: { rule: summary.rule, changed: summary.changed } },
  });
  return summary;
});
