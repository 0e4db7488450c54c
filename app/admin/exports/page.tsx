import type { Metadata } from "next";
import { ExportForm } from "@/components/exports/export-form";
import { ExportHistory } from "@/components/exports/export-history";
import { PublishedConsensusTable } from "@/components/exports/published-consensus";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { listExportScopes, listExports, listPublishedConsensus } from "@/lib/data/exports";
import { DEFAULT_DATASET } from "@/lib/datasets";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  const user = await requirePagePermission("data:export");
  const [scopes, exports, published] = await Promise.all([listExportScopes(), listExports(), listPublishedConsensus()]);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Exports</h1>
      {scopes.datasets.length === 0 ? <p className="text-slate-600">Nothing to export yet: import a dataset first.</p> : <ExportForm scopes={scopes} defaultDataset={DEFAULT_DATASET} />}
      {published.length > 0 && <PublishedConsensusTable datasets={published} canPublish={can(user, "review:resolve")} />}
      <ExportHistory exports={exports} allJobs={can(user, "system:monitor")} />
    </main>
  );
}
