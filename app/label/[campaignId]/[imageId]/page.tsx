import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LabelingScreen } from "@/components/labeling/labeling-screen";
import { requirePagePermission } from "@/lib/auth/session";
import { upcomingImageIds } from "@/lib/data/upcoming-images";
import { previousImageId } from "@/lib/campaigns/queue";
import { getMyProgress } from "@/lib/data/campaigns";
import { getLabelingItem } from "@/lib/data/labeling";
import { listVocabulary } from "@/lib/data/vocabulary";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";

export const metadata: Metadata = { title: "Label" };

export default async function LabelImagePage({ params }: { params: Promise<{ campaignId: string; imageId: string }> }) {
  const user = await requirePagePermission("labeling:work");
  const raw = await params;
  const campaignId = parseId(raw.campaignId);
  const imageId = parseId(raw.imageId);
  if (campaignId === null || imageId === null) notFound();
  try {
    const [{ campaign, item }, vocabulary, upcoming, progress, previous] = await Promise.all([
      getLabelingItem(user.id, campaignId, imageId),
      listVocabulary({ userId: user.id, campaignId, imageId }),
      upcomingImageIds(user.id, campaignId, imageId),
      getMyProgress(user.id, campaignId),
      previousImageId(db, user.id, campaignId, imageId),
    ]);
    return (
      <LabelingScreen
        userId={user.id}
        campaign={campaign}
        item={item}
        vocabulary={vocabulary}
        upcoming={upcoming}
        progress={progress}
        hasPrevious={previous !== null}
      />
    );
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
