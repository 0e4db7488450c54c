"use server";

import { defineAction } from "@/lib/actions/define-action";
import { type AuditAction, recordAudit } from "@/lib/audit/record";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { selectImageIds } from "@/lib/campaigns/select-images";
import { db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { campaignStatusSchema, newCampaignSchema, selectionSchema } from "@/lib/validation/campaign";
import { z } from "zod";

const campaignStatusAudit = { DRAFT: "campaign.draft", ACTIVE: "campaign.active", CLOSED: "campaign.closed" } as const satisfies Record<string, AuditAction>;

async function datasetId(slug: string): Promise<number> {
  const dataset = await db.dataset.findUnique({ where: { slug }, select: { id: true } });
  if (!dataset) throw new NotFoundError(`The dataset "${slug}"`);
  return dataset.id;
}

/** How many images a selection would put in the campaign, before creating it. */
export const previewSelectionAction = defineAction(
  "campaign:manage",
  z.object({ dataset: z.string().min(1).max(63), selection: selectionSchema }),
  async (input) => ({ images: (await selectImageIds(db, await datasetId(input.dataset), input.selection)).length }),
);

export const createCampaignAction = defineAction("campaign:manage", newCampaignSchema, async (input, user) => {
  const id = await datasetId(input.dataset);
  const imageIds = await selectImageIds(db, id, input.selection);
  if (imageIds.length === 0) throw new ExpectedError("The selection matches no image; the campaign was not created.");
  const members = await db.user.count({ where: { id: { in: input.memberIds }, active: true } });
  if (members !== new Set(input.memberIds).size) throw new ExpectedError("Some chosen members do not exist or are disabled.");
  const campaignId = await createCampaign(db, {
    datasetId: id,
    name: input.name,
    instructions: input.instructions,
    annotatorsPerImage: input.annotatorsPerImage,
    showPriorLabels: input.showPriorLabels,
    claimTtlSeconds: input.claimTtlMinutes * 60,
    selection: input.selection,
    imageIds,
    memberIds: input.memberIds,
    createdById: user.id,
  });
  return { campaignId, images: imageIds.length };
});

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
