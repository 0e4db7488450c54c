import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { requirePagePermission } from "@/lib/auth/session";
import { PREFETCH_DEPTH } from "@/lib/data/upcoming-images";
import { holdImages } from "@/lib/campaigns/queue";
import { db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";

/** Hands out the annotator's next image and sends them to it. */
export default async function NextImagePage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requirePagePermission("labeling:work");
  const campaignId = parseId((await params).campaignId);
  if (campaignId === null) notFound();
  let imageId: number | null;
  try {
    imageId = (await holdImages(db, user.id, campaignId, PREFETCH_DEPTH))[0]?.imageId ?? null;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ExpectedError) return <Message title={error.message} />;
    throw error;
  }
  if (imageId !== null) redirect(`/label/${campaignId}/${imageId}`);
  return <Message title="Nothing left to label here" detail="Every image in this campaign has all the annotators it needs, or you have labeled it already." />;
}

function Message({ title, detail }: { title: string; detail?: string }) {
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{title}</h1>
      {detail && <p className="mt-2 text-slate-600">{detail}</p>}
      <Link href="/" className="mt-6 inline-block text-indigo-700 underline">
        Back to my campaigns
      </Link>
    </main>
  );
}
