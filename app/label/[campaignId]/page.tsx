import Link from "next/link";
import { notFound } from "next/navigation";
import { ClaimNextImage } from "@/components/labeling/claim-next-image";
import { requirePagePermission } from "@/lib/auth/session";
import { findWorkableCampaign, PAUSED_MESSAGE } from "@/lib/campaigns/queue";
import { hasWorkLeft } from "@/lib/data/upcoming-images";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";

/** The way into a campaign: checks it (a read), then the client claims the next image through an action. */
export default async function NextImagePage({ params }: { params: Promise<{ campaignId: string }> }) {
  const user = await requirePagePermission("labeling:work");
  const campaignId = parseId((await params).campaignId);
  if (campaignId === null) notFound();
  let status: string;
  let paused: boolean;
  try {
    const campaign = await findWorkableCampaign(db, user.id, campaignId);
    status = campaign.status;
    paused = campaign.pausedAt !== null;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  if (status !== "ACTIVE") return <Message title={status === "CLOSED" ? "This campaign is closed." : "This campaign has not started yet."} />;
  if (paused) return <Message title="Your work here is paused" detail={PAUSED_MESSAGE} />;
  if (!(await hasWorkLeft(user.id, campaignId))) {
    return <Message title="Nothing left to label here" detail="Every image in this campaign has all the annotators it needs, or you have labeled it already." />;
  }
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <ClaimNextImage campaignId={campaignId} />
    </main>
  );
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
