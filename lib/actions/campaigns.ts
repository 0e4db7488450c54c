"use server";

import { defineAction } from "@/lib/actions/define-action";
import { type AuditAction, recordAudit } from "@/lib/audit/record";
import { createCampaignFromSelection } from "@/lib/campaigns/create-from-selection";
import { selectImageIds } from "@/lib/campaigns/select-images";
import { requireDatasetId } from "@/lib/datasets";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { campaignStatusSchema, newCampaignSchema, selectionSchema } from "@/lib/validation/campaign";
import { datasetSlugSchema } from "@/lib/validation/import";
import { z } from "zod";

const campaignStatusAudit = { DRAFT: "campaign.draft", ACTIVE: "campaign.active", CLOSED: "campaign.closed" } as const satisfies Record<string, AuditAction>;

/** How many images a selection would put in the campaign, before creating it. */
export const previewSelectionAction = defineAction(
  "campaign:manage",
  z.object({ dataset: datasetSlugSchema, selection: selectionSchema }),
  async (input) => ({ images: (await selectImageIds(db, await requireDatasetId(db, input.dataset), input.selection)).length }),
);

export const createCampaignAction = defineAction("campaign:manage", newCampaignSchema, async (input, user) =>
  createCampaignFromSelection(db, input, user.id),
);

export const setCampaignStatusAction = defineAction("campaign:manage", campaignStatusSchema, async (input, user) => {
  await db.$transaction(async (tx) => {
    const updated = await tx.campaign.updateMany({
      where: { id: input.campaignId },
      data: { status: input.status, closedAt: input.status === "CLOSED" ? new Date() : null },
    });
    if (updated.count === 0) throw new NotFoundError("That campaign");
    await recordAudit(tx, { userId: user.id, action: campaignStatusAudit[input.status], entity: "campaign", entityId: input.campaignId });
  });
  return null;
});
