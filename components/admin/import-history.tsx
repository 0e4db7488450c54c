import { CancelImportButton } from "@/components/admin/cancel-import-button";
import { LiveRefresh } from "@/components/admin/live-refresh";
import type { ImportJobRow } from "@/lib/data/imports";

const STATUS_STYLE: Record<string, string> = {
  RUNNING: "bg-indigo-50 text-indigo-800",
  QUEUED: "bg-slate-100 text-slate-700",
  SUCCEEDED: "bg-emerald-50 text-emerald-800",
  FAILED: "bg-red-50 text-red-800",
  CANCELLED: "bg-amber-50 text-amber-800",
};

/** Every import, newest first; refreshes itself while one is running, so progress survives a reload. */
export function ImportHistory({ jobs }: { jobs: ImportJobRow[] }) {
  const running = jobs.some((job) => job.status === "RUNNING" || job.status === "QUEUED");
  return (
    <section aria-labelledby="import-history">
      <h2 id="import-history" className="mb-3 text-lg font-semibold">
        History
      </h2>
      {running && <LiveRefresh intervalMs={1000} />}
      {jobs.length === 0 ? (
        <p className="text-sm text-slate-600">No imports yet.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">#</th>
              <th className="px-3 py-2 font-medium">Kind</th>
              <th className="px-3 py-2 font-medium">Path</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Progress / result</th>
              <th className="px-3 py-2 font-medium">By</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.map((job) => (
              <tr key={job.id}>
                <td className="px-3 py-2 tabular-nums text-slate-500">{job.id}</td>
                <td className="px-3 py-2 font-medium">{job.kind}</td>
                <td className="max-w-xs truncate px-3 py-2 text-slate-600" title={job.path}>
                  {job.path}
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[job.status]}`}>{job.status.toLowerCase()}</span>
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {job.status === "RUNNING" && (
                    <progress
                      aria-label={`Import ${job.id} progress`}
                      className="mr-2 h-2 w-24 align-middle"
                      {...(job.total ? { value: job.done, max: job.total } : {})}
                    />
                  )}
                  {job.status === "SUCCEEDED" ? `${job.done.toLocaleString("en")} rows stored` : job.message}
                </td>
                <td className="px-3 py-2 text-slate-600">{job.createdBy?.name ?? "CLI"}</td>
                <td className="px-3 py-2 text-right">{(job.status === "RUNNING" || job.status === "QUEUED") && <CancelImportButton jobId={job.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
