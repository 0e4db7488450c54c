import { createCampaign } from "@/lib/campaigns/create-campaign";
import { selectImageIds } from "@/lib/campaigns/select-images";
import { requireDatasetId } from "@/lib/datasets";
import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";
import type { NewCampaign } from "@/lib/validation/campaign";

export interface NewCampaignWithRule extends NewCampaign {
  consensusRule?: ConsensusRule;
  consensusQuorum?: number | null;
}

/** What the admin page's form and the CLI both do: resolve the selection, check members, create (createCampaign audits in its transaction). */
export async function createCampaignFromSelection(db: Db, input: NewCampaignWithRule, createdById: number | null): Promise<{ campaignId: number; images: number }> {
  const datasetId = await requireDatasetId(db, input.dataset);
  const imageIds = await selectImageIds(db, datasetId, input.selection);
  if (imageIds.length === 0) throw new ExpectedError("The selection matches no image; the campaign was not created.");
  const members = await db.user.count({ where: { id: { in: input.memberIds }, active: true } });
  if (members !== new Set(input.memberIds).size) throw new ExpectedError("Some chosen members do not exist or are disabled.");
  if (input.consensusQuorum != null && input.consensusQuorum > input.annotatorsPerImage) {
    throw new ExpectedError(`A quorum of ${input.consensusQuorum} can never be reached with ${input.annotatorsPerImage} annotators per image.`);
  }
  const campaignId = await createCampaign(db, {
    datasetId,
    name: input.name,
    instructions: input.instructions,
    annotatorsPerImage: input.annotatorsPerImage,
    showPriorLabels: input.showPriorLabels,
    claimTtlSeconds: input.claimTtlMinutes * 60,
    selection: input.selection,
    imageIds,
    memberIds: input.memberIds,
    createdById,
    consensusRule: input.consensusRule,
    consensusQuorum: input.consensusQuorum,
    gold: input.gold,
  });
  return { campaignId, images: imageIds.length };
}
