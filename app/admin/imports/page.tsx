import type { Metadata } from "next";
import { VALIDATION_PARAM } from "@/components/admin/import-address";
import { ImportForm } from "@/components/admin/import-form";
import { JobTable } from "@/components/admin/job-table";
import { ScanPanel } from "@/components/duplicates/scan-panel";
import { cancelImportAction } from "@/lib/actions/imports";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getHashingCoverage } from "@/lib/data/duplicates";
import { findLatestJob, findRestoredValidation, listJobs } from "@/lib/data/jobs";
import { duplicateScanDedupKey } from "@/lib/duplicates/scan-job";
import { importJob } from "@/lib/import/jobs";
import { importRoots } from "@/lib/import/allowed-paths";
import { importKindsForForm } from "@/lib/import/kinds";
import { DEFAULT_DATASET } from "@/lib/datasets";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("data:import");
  const [jobs, scan, coverage, restored] = await Promise.all([
    listJobs({ kind: importJob.name, limit: 30 }),
    findLatestJob(duplicateScanDedupKey(DEFAULT_DATASET)),
    getHashingCoverage(DEFAULT_DATASET),
    searchParams.then((params) => findRestoredValidation(params[VALIDATION_PARAM])),
  ]);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Imports</h1>
      <ImportForm kinds={importKindsForForm()} roots={importRoots()} defaultDataset={DEFAULT_DATASET} restored={restored} />
      <ScanPanel dataset={DEFAULT_DATASET} job={scan} coverage={coverage} canStart={can(user, "data:import")} groupsLink />
      <JobTable jobs={jobs} cancel={cancelImportAction} empty="No imports yet." showKind={false} allJobs={can(user, "system:monitor")} />
    </main>
  );
}
