import type { CampaignSpec } from "../../lib/campaigns/create-campaign";
import { seedCampaign } from "../../lib/testing/factories";
import { ACCOUNTS, type AccountName } from "./accounts";
import { e2eDb } from "./database";

/** A fresh campaign over the given demo validation images, so each test owns its queue. */
export async function campaignWith(fileNumbers: number[], members: AccountName[], options: { annotatorsPerImage?: number; showPriorLabels?: boolean; instructions?: string; gold?: CampaignSpec["gold"] } = {}) {
  const db = e2eDb();
  const images = await db.image.findMany({ where: { fileNumber: { in: fileNumbers }, bytes: { not: null } }, select: { id: true, fileNumber: true, datasetId: true } });
  if (images.length !== fileNumbers.length) throw new Error(`Demo images ${fileNumbers.join(", ")} are not all in the demo bundle.`);
  const users = await db.user.findMany({ where: { email: { in: members.map((name) => ACCOUNTS[name].email) } }, select: { id: true } });
  const campaignId = await seedCampaign(db, {
    datasetId: images[0]!.datasetId,
    imageIds: images.map((image) => image.id),
    memberIds: users.map((user) => user.id),
    ...options,
  });
  const imageIdOf = (fileNumber: number) => images.find((image) => image.fileNumber === fileNumber)!.id;
  return { campaignId, imageIdOf };
}
