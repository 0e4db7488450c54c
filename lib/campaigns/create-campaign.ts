import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";

export interface CampaignSpec {
  datasetId: number;
  name: string;
  instructions: string;
  annotatorsPerImage: number;
  showPriorLabels: boolean;
  claimTtlSeconds?: number;
  selection: Record<string, unknown>;
  imageIds: number[];
  memberIds: number[];
  createdById: number | null;
  status?: "DRAFT" | "ACTIVE";
  consensusRule?: ConsensusRule;
  consensusQuorum?: number | null;
}

/**
 * Creates a campaign with its queue in a fixed random order (so annotators do not all see class 0
 * first). The queue is written with one INSERT … SELECT over an id array: a million images take
 * seconds, where row-by-row inserts would take minutes.
 */
export async function createCampaign(db: Db, spec: CampaignSpec, random: () => number = Math.random): Promise<number> {
  const order = shuffle([...new Set(spec.imageIds)], random);
  return db.$transaction(
    async (tx) => {
      const campaign = await tx.campaign.create({
        data: {
          datasetId: spec.datasetId,
          name: spec.name,
          instructions: spec.instructions,
          annotatorsPerImage: spec.annotatorsPerImage,
          showPriorLabels: spec.showPriorLabels,
          claimTtlSeconds: spec.claimTtlSeconds ?? 1800,
          selection: spec.selection as object,
          createdById: spec.createdById,
          status: spec.status ?? "ACTIVE",
          consensusRule: spec.consensusRule,
          consensusQuorum: spec.consensusQuorum ?? null,
          imageCount: order.length,
        },
        select: { id: true },
      });
      await tx.$executeRaw`
        INSERT INTO campaign_images (campaign_id, image_id, position, open_slots)
        SELECT ${campaign.id}, queue.image_id, queue.position - 1, ${spec.annotatorsPerImage}
        FROM unnest(${order}::int[]) WITH ORDINALITY AS queue(image_id, position)`;
      await tx.campaignMember.createMany({ data: spec.memberIds.map((userId) => ({ campaignId: campaign.id, userId })) });
      // In the transaction: a failed audit write rolls the campaign back, so "nothing was saved" stays true.
      await recordAudit(tx, { userId: spec.createdById, action: "campaign.create", entity: "campaign", entityId: campaign.id, details: { images: order.length, members: spec.memberIds.length } });
      return campaign.id;
    },
    { timeout: 300_000 },
  );
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
