import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import type { CampaignStatus, ConsensusRule } from "@/lib/generated/prisma/enums";
import { goldCount } from "@/lib/gold/score";
import type { NewCampaign } from "@/lib/validation/campaign";

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
  /** A campaign is never created closed. */
  status?: Exclude<CampaignStatus, "CLOSED">;
  consensusRule?: ConsensusRule;
  consensusQuorum?: number | null;
  /** Share of the queue made of the dataset's gold images (0..0.5), with the auto-pause rule. */
  gold?: NewCampaign["gold"];
}

/**
 * Creates a campaign with its queue in a fixed random order (so annotators do not all see class 0
 * first). The queue is written with one INSERT … SELECT over an id array, where row-by-row
 * inserts would take many times longer.
 * With a gold share, gold images of the dataset (left out of the selection) are shuffled in among
 * the others: their rows are marked gold and every member gets each once (see queue.ts).
 */
export async function createCampaign(db: Db, spec: CampaignSpec, random: () => number = Math.random): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const share = spec.gold?.share ?? 0;
      const goldIds = share > 0 ? (await tx.goldAnswer.findMany({ where: { image: { datasetId: spec.datasetId } }, select: { imageId: true } })).map((g) => g.imageId) : [];
      const goldSet = new Set(goldIds);
      const regular = [...new Set(spec.imageIds)].filter((id) => !goldSet.has(id));
      const gold = shuffle(goldIds, random).slice(0, goldCount(regular.length, share, goldIds.length));
      const order = shuffle([...regular, ...gold], random);
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
          goldShare: share,
          goldPauseBelow: spec.gold?.pauseBelow ?? null,
          goldMinAnswers: spec.gold?.minAnswers ?? 5,
        },
        select: { id: true },
      });
      // Inserted in image order, not queue order: the foreign-key checks and the primary key then
      // walk their indexes in order (measured at 1.3M images: 56 s instead of 199 s on a loaded machine).
      await tx.$executeRaw`
        INSERT INTO campaign_images (campaign_id, image_id, position, open_slots, gold)
        SELECT ${campaign.id}, queue.image_id, queue.position - 1, ${spec.annotatorsPerImage}, queue.image_id = ANY(${gold}::int[])
        FROM unnest(${order}::int[]) WITH ORDINALITY AS queue(image_id, position)
        ORDER BY queue.image_id`;
      // Statistics gathered before this campaign existed make the planner take it for a handful of
      // rows, and claims and submits then read all of its queue until autovacuum catches up (the
      // HTTP bench's 1.3M-image campaign: seconds per submit). A large queue is analyzed at once.
      if (order.length >= ANALYZE_FROM) await tx.$executeRaw`ANALYZE campaign_images`;
      await tx.campaignMember.createMany({ data: spec.memberIds.map((userId) => ({ campaignId: campaign.id, userId })) });
      // In the transaction: a failed audit write rolls the campaign back, so "nothing was saved" stays true.
      await recordAudit(tx, { userId: spec.createdById, action: "campaign.create", entity: "campaign", entityId: campaign.id, details: { images: order.length, members: spec.memberIds.length, ...(gold.length > 0 ? { gold: gold.length } : {}) } });
      return campaign.id;
    },
    { timeout: 300_000 },
  );
}

/** Below this, a campaign is too small for a wrong estimate to cost much. */
const ANALYZE_FROM = 10_000;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
