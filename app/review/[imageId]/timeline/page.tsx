import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { GoldAnswerForm } from "@/components/gold/gold-answer-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { countClasses } from "@/lib/data/classes";
import { getGoldAnswer } from "@/lib/data/gold";
import { getImageTimeline, type TimelineEvent } from "@/lib/data/image-timeline";
import { NotFoundError } from "@/lib/errors";
import { parseId } from "@/lib/validation/route-params";

export const metadata: Metadata = { title: "Image timeline" };

const KIND: Record<TimelineEvent["kind"], { label: string; tone: BadgeTone }> = {
  source: { label: "source", tone: "neutral" },
  model: { label: "model", tone: "outline" },
  decision: { label: "decision", tone: "accent" },
  consensus: { label: "consensus", tone: "success" },
  review: { label: "review", tone: "warning" },
  "send-back": { label: "sent back", tone: "danger" },
};

/** Everything that happened to one image, in time order (reviewers: it shows who decided what). */
export default async function ImageTimelinePage({ params }: { params: Promise<{ imageId: string }> }) {
  const user = await requirePagePermission("review:read");
  const imageId = parseId((await params).imageId);
  if (imageId === null) notFound();
  let timeline;
  let gold;
  let classCount;
  try {
    timeline = await getImageTimeline(imageId);
    [gold, classCount] = await Promise.all([getGoldAnswer(user, imageId), countClasses()]);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <main className="mx-auto max-w-5xl space-y-4 px-4 py-8">
      <div className="flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Timeline of {timeline.fileKey}</h1>
        <Link href="/review" className="ml-auto text-sm text-indigo-700 underline">
          Review queue
        </Link>
      </div>
      {can(user, "campaign:manage") && <GoldAnswerForm imageId={imageId} current={gold ?? null} classCount={classCount} />}
      <ol aria-label="Timeline" className="divide-y divide-slate-100 rounded-lg bg-white text-sm ring-1 ring-slate-200">
        {timeline.events.map((event, i) => (
          <li key={i} className="grid grid-cols-[10rem_6rem_1fr] gap-3 px-3 py-2">
            <time dateTime={event.at} className="text-slate-500 tabular-nums">
              {new Date(event.at).toLocaleString("en-GB")}
            </time>
            <span>
              <Badge tone={KIND[event.kind].tone}>{KIND[event.kind].label}</Badge>
            </span>
            <span>
              <span className="font-medium text-slate-900">{event.actor}</span>
              {event.context ? <span className="text-slate-500"> · {event.context}</span> : null}
              <span className="block text-slate-800">{event.summary}</span>
              {event.note ? <span className="block text-slate-600">“{event.note}”</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </main>
  );
}
