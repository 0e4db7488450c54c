import Link from "next/link";
import { queueSearch } from "@/lib/review/queue-url";
import { MAX_SCORE } from "@/lib/suspects/score";
import { classIndexRange } from "@/lib/validation/decision";
import { QUEUE_SORTS, QUEUE_STATUSES, type QueueParams } from "@/lib/validation/review";

const STATUS_LABELS: Record<QueueParams["status"], string> = {
  "to-review": "To review (disagreed or changed since resolved)",
  all: "All with decisions",
  DISAGREED: "Disagreed",
  AGREED: "Agreed",
  RESOLVED: "Resolved",
  EXCLUDED: "Excluded",
  IN_PROGRESS: "In progress",
  changed: "Changed since resolved",
};

const SORT_LABELS: Record<QueueParams["sort"], string> = {
  "score-desc": "Disagreement, highest first",
  "score-asc": "Disagreement, lowest first",
  "agreement-asc": "Annotator agreement, lowest first",
  "suspect-desc": "Suspect score, highest first",
  "updated-desc": "Last changed first",
  file: "File name",
};

interface Props {
  params: QueueParams;
  options: { campaigns: { id: number; name: string }[]; groups: { id: number; label: string }[]; sources: { name: string; title: string }[]; classCount: number };
}

const field = "h-9 rounded-md bg-white px-2 text-sm ring-1 ring-slate-300";

/** A plain GET form: the list state lives in the URL, so a filtered queue can be bookmarked and shared. */
export function QueueFilters({ params, options }: Props) {
  return (
    // Keyed by the list state: a sort chosen from the column header must show here too (defaultValue is read once per mount).
    <form key={queueSearch(params)} method="get" action="/review" aria-label="Filter the queue" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200">
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-campaign">Campaign</label>
        <select id="queue-campaign" name="campaign" defaultValue={params.campaign ?? ""} className={field}>
          <option value="">All campaigns</option>
          {options.campaigns.map((campaign) => (
            <option key={campaign.id} value={campaign.id}>
              {campaign.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-status">Status</label>
        <select id="queue-status" name="status" defaultValue={params.status} className={field}>
          {QUEUE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-class">Class index</label>
        <input id="queue-class" name="class" type="number" min={0} max={Math.max(0, options.classCount - 1)} defaultValue={params.class ?? ""} placeholder={classIndexRange(options.classCount)} className={`${field} w-24`} />
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-group">Class group</label>
        <select id="queue-group" name="group" defaultValue={params.group ?? ""} className={`${field} max-w-56`}>
          <option value="">Any</option>
          {options.groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-source">Disagrees with source</label>
        <select id="queue-source" name="source" defaultValue={params.source ?? ""} className={`${field} max-w-56`}>
          <option value="">Any</option>
          {options.sources.map((source) => (
            <option key={source.name} value={source.name}>
              {source.title}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-suspect">Suspect score at least</label>
        <input id="queue-suspect" name="suspect" type="number" min={0} max={MAX_SCORE} step={0.1} defaultValue={params.suspect ?? ""} placeholder={`0–${MAX_SCORE}`} className={`${field} w-28`} />
      </div>
      <div className="flex flex-col gap-1 text-sm text-slate-700">
        <label htmlFor="queue-sort">Sort</label>
        <select id="queue-sort" name="sort" defaultValue={params.sort} className={field}>
          {QUEUE_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3.5 text-sm font-medium text-white hover:bg-indigo-500">
        Apply
      </button>
      <Link href="/review" className="h-9 px-2 text-sm leading-9 text-slate-600 underline">
        Reset
      </Link>
    </form>
  );
}
