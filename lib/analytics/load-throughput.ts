import { annotatorThroughput, burnDown, median, type AnnotatorThroughput, type BurnDownPoint } from "@/lib/analytics/throughput";
import type { Db } from "@/lib/db";

export interface CampaignThroughput {
  campaignId: number;
  name: string;
  images: number;
  annotatorsPerImage: number;
  decisions: number;
  medianSeconds: number | null;
  annotators: (AnnotatorThroughput & { name: string })[];
  burnDown: BurnDownPoint[];
}

/** Throughput of every campaign of a dataset that has decisions. */
export async function getCampaignThroughput(db: Db, datasetId: number): Promise<CampaignThroughput[]> {
  const campaigns = await db.campaign.findMany({
    where: { datasetId, decisions: { some: {} } },
    select: { id: true, name: true, annotatorsPerImage: true, _count: { select: { images: true } } },
    orderBy: { id: "asc" },
  });
  return Promise.all(
    campaigns.map(async (c) => {
      const decisions = await db.decision.findMany({
        where: { campaignId: c.id, userId: { not: null } },
        select: { userId: true, imageId: true, createdAt: true, timeSpentMs: true, user: { select: { name: true } } },
      });
      const timings = decisions.map((d) => ({ userId: d.userId!, imageId: d.imageId, createdAt: d.createdAt, timeSpentMs: d.timeSpentMs }));
      const names = new Map(decisions.map((d) => [d.userId!, d.user?.name ?? ""]));
      const seconds = timings.map((d) => d.timeSpentMs).filter((t): t is number => t !== null && t > 0);
      const med = median(seconds);
      return {
        campaignId: c.id,
        name: c.name,
        images: c._count.images,
        annotatorsPerImage: c.annotatorsPerImage,
        decisions: decisions.length,
        medianSeconds: med === null ? null : Math.round(med / 100) / 10,
        annotators: annotatorThroughput(timings).map((a) => ({ ...a, name: names.get(a.userId) ?? "" })),
        burnDown: burnDown(c._count.images, timings, c.annotatorsPerImage),
      };
    }),
  );
}
