import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewScreen } from "@/components/review/review-screen";
import { requirePagePermission } from "@/lib/auth/session";
import { getReviewItem } from "@/lib/data/review";
import { nextInQueue } from "@/lib/data/review-queue";
import { NotFoundError } from "@/lib/errors";
import { queueSearch, reviewHref } from "@/lib/review/queue-url";
import { parseId } from "@/lib/validation/route-params";
import { queueParamsSchema } from "@/lib/validation/review";

export const metadata: Metadata = { title: "Review an image" };

export default async function ReviewImagePage({
  params,
  searchParams,
}: {
  params: Promise<{ imageId: string }>;
  searchParams: Promise<{ campaign?: string; queue?: string }>;
}) {
  await requirePagePermission("review:read");
  const imageId = parseId((await params).imageId);
  const search = await searchParams;
  const campaignId = parseId(search.campaign ?? "");
  if (imageId === null || campaignId === null) notFound();
  const queue = queueParamsSchema.parse(Object.fromEntries(new URLSearchParams(search.queue ?? "")));

  let item;
  try {
    item = await getReviewItem(campaignId, imageId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const next = await nextInQueue(queue, { campaignId, imageId });
  return (
    <ReviewScreen
      key={`${campaignId}-${imageId}`}
      item={item}
      next={next ? { href: reviewHref(next.imageId, next.campaignId, queue), imageUrl: `/api/images/${next.imageId}` } : null}
      queueHref={`/review${queueSearch(queue)}`}
    />
  );
}
