import { CancelJobButton } from "@/components/admin/cancel-job-button";
import { CreatedByCell, HistoryTable } from "@/components/admin/history-table";
import { JobProgress, JobStatusBadge, when } from "@/components/admin/job-status";
import { cancelExportAction } from "@/lib/actions/exports";
import type { ExportRow } from "@/lib/data/exports";
import { isActiveJob as pending } from "@/lib/jobs/job-state";
import { NAME_OF_FORMAT } from "@/lib/validation/export";

function size(bytes: bigint): string {
  const n = Number(bytes);
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

const COLUMNS = [{ label: "#" }, { label: "Format" }, { label: "Scope" }, { label: "Status" }, { label: "Result" }, { label: "Consensus version" }, { label: "By, when" }, { label: "" }];

/** Every export, newest first, with the consensus state it was made from. */
export function ExportHistory({ exports, allJobs }: { exports: ExportRow[]; allJobs: boolean }) {
  return (
    <HistoryTable id="export-history" title="History" columns={COLUMNS} count={exports.length} empty="No exports yet." live={exports.some(pending)} allJobs={allJobs}>
      {exports.map((e) => (
        <tr key={e.id}>
          <td className="px-3 py-2 tabular-nums text-slate-500">{e.id}</td>
          <td className="px-3 py-2 font-medium">{NAME_OF_FORMAT[e.format]}</td>
          <td className="px-3 py-2 text-slate-700">{e.campaign ? `campaign #${e.campaign.id} ${e.campaign.name}` : `${e.dataset.slug} (dataset-level)`}</td>
          <td className="px-3 py-2">
            <JobStatusBadge status={e.status} cancelling={e.job?.cancelRequested} />
          </td>
          <td className="px-3 py-2 text-slate-700">
            {pending(e) ? (
              e.job ? (
                <JobProgress job={e.job} label={`Export ${e.id} progress`} />
              ) : (
                <>
                  <progress aria-label={`Export ${e.id} progress`} className="mr-2 h-2 w-24 align-middle" />
                  {e.rows.toLocaleString("en")} images read
                </>
              )
            ) : (
              <>
                {e.message}
                {e.status === "SUCCEEDED" && <span className="text-slate-500"> · {size(e.bytes)}</span>}
              </>
            )}
          </td>
          <td className="px-3 py-2 text-xs text-slate-600">
            {pending(e) || e.status === "CANCELLED" ? "…" : `${e.consensusRows.toLocaleString("en")} rows${e.consensusUpdatedAt ? `, last change ${when(e.consensusUpdatedAt)}` : ""}`}
          </td>
          <CreatedByCell by={e.createdBy} at={e.createdAt} />
          <td className="px-3 py-2 text-right">
            {pending(e) && e.job && !e.job.cancelRequested && <CancelJobButton action={cancelExportAction} input={{ exportId: e.id }} label={`Cancel export ${e.id}`} />}
            {e.status === "SUCCEEDED" && e.fileName && (
              <a href={`/api/exports/${e.id}/download`} download className="font-medium text-indigo-700 hover:underline" aria-label={`Download export ${e.id}`}>
                Download
              </a>
            )}
          </td>
        </tr>
      ))}
    </HistoryTable>
  );
}
