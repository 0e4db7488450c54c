import Link from "next/link";
import type { ReactNode } from "react";
import { when } from "@/components/admin/job-status";
import { LiveRefresh } from "@/components/admin/live-refresh";
import { TitledSection } from "@/components/ui/titled-section";

interface Props {
  id: string;
  title: string;
  /** Column headings; an empty one heads the actions column. */
  columns: readonly { label: string; numeric?: boolean }[];
  /** How many rows `children` holds. */
  count: number;
  empty: string;
  /** True while a row is queued or running: the page refreshes itself, so progress any worker writes shows on every app server. */
  live: boolean;
  /** Link to /admin/jobs, every kind's history (only for who may open it: system:monitor). */
  allJobs?: boolean;
  /** The `<tr>` rows, newest first. */
  children: ReactNode;
}

/** The frame of a history of background work (jobs, exports): heading, live refresh, empty state, table. */
export function HistoryTable({ id, title, columns, count, empty, live, allJobs = false, children }: Props) {
  const aside = allJobs && (
    <Link href="/admin/jobs" className="text-sm text-indigo-700 underline">
      All jobs
    </Link>
  );
  return (
    <TitledSection id={id} title={title} aside={aside}>
      {live && <LiveRefresh intervalMs={1000} />}
      {count === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              {columns.map((column, i) => (
                <th key={i} className={`px-3 py-2 font-medium ${column.numeric ? "text-right" : ""}`}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">{children}</tbody>
        </table>
      )}
    </TitledSection>
  );
}

/** Who started a row (no user: the CLI) and when. */
export function CreatedByCell({ by, at }: { by: { name: string } | null; at: Date }) {
  return (
    <td className="px-3 py-2 text-slate-600">
      {by?.name ?? "CLI"}
      <span className="block text-xs text-slate-500">{when(at)}</span>
    </td>
  );
}
