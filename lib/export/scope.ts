import { requireDatasetId } from "@/lib/datasets";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { ExportScope } from "@/lib/export/sql";

export interface ResolvedScope extends ExportScope {
  dataset: string;
  campaignName: string | null;
}

/** A campaign's export takes the campaign's dataset; naming another dataset beside it is a mistake, not a filter. */
export async function resolveExportScope(db: Db, request: { dataset?: string | null; campaignId: number | null }): Promise<ResolvedScope> {
  if (request.campaignId !== null) {
    const campaign = await db.campaign.findUnique({ where: { id: request.campaignId }, select: { id: true, name: true, datasetId: true, dataset: { select: { slug: true } } } });
    if (!campaign) throw new NotFoundError("That campaign");
    if (request.dataset && request.dataset !== campaign.dataset.slug) {
      throw new ExpectedError(`Campaign ${campaign.id} belongs to the dataset "${campaign.dataset.slug}", not "${request.dataset}".`);
    }
    return { datasetId: campaign.datasetId, campaignId: campaign.id, dataset: campaign.dataset.slug, campaignName: campaign.name };
  }
  if (!request.dataset) throw new ExpectedError("Name a dataset or a campaign to export.");
  return { datasetId: await requireDatasetId(db, request.dataset), campaignId: null, dataset: request.dataset, campaignName: null };
}
