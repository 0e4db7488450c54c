import { LiveRefresh } from "@/components/admin/live-refresh";
import type { ExportRow } from "@/lib/data/exports";
import { NAME_OF_FORMAT } from "@/lib/validation/export";

const STATUS_STYLE: Record<string, string> = {
  RUNNING: "bg-indigo-50 text-indigo-800",
  SUCCEEDED: "bg-emerald-50 text-emerald-800",
  FAILED: "bg-red-50 text-red-800",
};

function size(bytes: bigint): string {
  const n = Number(bytes);
  return n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

const when = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/** Every export, newest first, with the consensus state it was made from; refreshes itself while one runs. */
export function ExportHistory({ exports }: { exports: ExportRow[] }) {
  const running = exports.some((e) => e.status === "RUNNING");
  return (
    <section aria-labelledby="export-history">
      <h2 id="export-history" className="mb-3 text-lg font-semibold">
        History
      </h2>
      {running && <LiveRefresh intervalMs={1000} />}
      {exports.length === 0 ? (
        <p className="text-sm text-slate-600">No exports yet.</p>
      ) : (
        <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2 font-medium">#</th>
              <th className="px-3 py-2 font-medium">Format</th>
              <th className="px-3 py-2 font-medium">Scope</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Result</th>
              <th className="px-3 py-2 font-medium">Consensus version</th>
              <th className="px-3 py-2 font-medium">By, when</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {exports.map((e) => (
              <tr key={e.id}>
                <td className="px-3 py-2 tabular-nums text-slate-500">{e.id}</td>
                <td className="px-3 py-2 font-medium">{NAME_OF_FORMAT[e.format]}</td>
                <td className="px-3 py-2 text-slate-700">{e.campaign ? `campaign #${e.campaign.id} ${e.campaign.name}` : `${e.dataset.slug} (dataset-level)`}</td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[e.status]}`}>{e.status.toLowerCase()}</span>
                </td>
                <td className="px-3 py-2 text-slate-700">
                  {e.status === "RUNNING" ? (
                    <>
                      <progress aria-label={`Export ${e.id} progress`} className="mr-2 h-2 w-24 align-middle" />
                      {e.rows.toLocaleString("en")} images read
                    </>
                  ) : (
                    <>
                      {e.message}
                      {e.status === "SUCCEEDED" && <span className="text-slate-500"> · {size(e.bytes)}</span>}
                    </>
                  )}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {e.status === "RUNNING" ? "…" : `${e.consensusRows.toLocaleString("en")} rows${e.consensusUpdatedAt ? `, last change ${when(e.consensusUpdatedAt)}` : ""}`}
                </td>
                <td className="px-3 py-2 text-slate-600">
                  {e.createdBy?.name ?? "CLI"}
                  <span className="block text-xs text-slate-500">{when(e.createdAt)}</span>
                </td>
                <td className="px-3 py-2 text-right">
                  {e.status === "SUCCEEDED" && e.fileName && (
                    <a href={`/api/exports/${e.id}/download`} download className="font-medium text-indigo-700 hover:underline" aria-label={`Download export ${e.id}`}>
                      Download
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
