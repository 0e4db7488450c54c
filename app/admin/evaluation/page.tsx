import type { Metadata } from "next";
import Link from "next/link";
import { CsvLink } from "@/components/analytics/csv-link";
import { ProtocolNotes } from "@/components/evaluation/protocol-notes";
import { EvaluationStatus } from "@/components/evaluation/evaluation-status";
import { EvaluationTableView } from "@/components/evaluation/evaluation-table";
import { RankChart } from "@/components/evaluation/rank-chart";
import { isDuplicateSlice, type Slice, SLICES } from "@/components/evaluation/slices";
import { VALIDATION_PARAM } from "@/components/admin/import-address";
import { AddModel } from "@/components/evaluation/add-model";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getEvaluation } from "@/lib/data/evaluation";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { findRestoredValidation, listJobs } from "@/lib/data/jobs";
import { importRoots } from "@/lib/import/allowed-paths";
import { importJob } from "@/lib/import/jobs";
import { importKindsForForm } from "@/lib/import/kinds";

export const metadata: Metadata = { title: "Evaluation" };

export default async function EvaluationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("data:export");
  // Reviewers read the table; only those who may import get the form.
  const mayImport = can(user, "data:import");
  const params = await searchParams;
  const slice: Slice = SLICES.find((s) => s.key === params.slice)?.key ?? "all";
  // The stored table only: scoring runs in the "evaluation" job, never on a page view.
  const [evaluation, jobs, restored] = await Promise.all([
    getEvaluation(DEFAULT_DATASET),
    mayImport ? listJobs({ kind: importJob.name, importKind: "predictions", limit: 10 }) : [],
    mayImport ? findRestoredValidation(params[VALIDATION_PARAM]) : null,
  ]);
  const table = evaluation?.table ?? null;
  const addModel = mayImport && <AddModel kinds={importKindsForForm(["predictions"])} roots={importRoots()} defaultDataset={DEFAULT_DATASET} jobs={jobs} restored={restored} />;
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div className="flex items-baseline gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Evaluation</h1>
        <Link href="/admin/analytics" className="ml-auto text-sm text-blue-700 underline">
          Analytics
        </Link>
        {can(user, "system:monitor") && (
          <Link href="/admin/jobs" className="text-sm text-blue-700 underline">
            All jobs
          </Link>
        )}
      </div>
      {evaluation && <EvaluationStatus dataset={DEFAULT_DATASET} state={evaluation} />}
      {evaluation && !table ? (
        addModel
      ) : !table || table.models.length === 0 || table.protocols.length === 0 ? (
        <>
          <section className="rounded-lg bg-white p-6 ring-1 ring-slate-200">
            <h2 className="font-semibold">Nothing to evaluate yet</h2>
            <p className="mt-2 text-sm text-slate-600">
              {!table || table.models.length === 0 ? "Import a model's predictions" : "Import the original labels"} on the{" "}
              <Link href="/admin/imports" className="text-blue-700 underline">
                Imports page
              </Link>{" "}
              or with <code className="rounded bg-slate-100 px-1">npm run relabel -- import predictions FILE --name NAME</code> (original labels: <code className="rounded bg-slate-100 px-1">import original</code>; ReaL, multilabel and the clean set add protocols).
            </p>
          </section>
          {addModel}
        </>
      ) : (
        <>
          <section aria-labelledby="accuracy" className="space-y-3">
            <div className="flex flex-wrap items-baseline gap-3">
              <h2 id="accuracy" className="text-lg font-semibold">
                Top-1 accuracy <span className="font-normal text-slate-500">(/ top-5 where defined)</span>
              </h2>
              <span className="ml-auto">
                <CsvLink chart="evaluation" what="accuracy table" />
              </span>
            </div>
            <nav aria-label="Images counted" className="flex flex-wrap gap-2 text-sm">
              {SLICES.map((s) => (
                <Link
                  key={s.key}
                  href={s.key === "all" ? "/admin/evaluation" : `/admin/evaluation?slice=${s.key}`}
                  aria-current={s.key === slice ? "page" : undefined}
                  className={`rounded-md px-3 py-1.5 ring-1 ${s.key === slice ? "bg-slate-900 text-white ring-slate-900" : "bg-white ring-slate-300 hover:bg-slate-50"}`}
                >
                  {s.label}
                </Link>
              ))}
            </nav>
            {isDuplicateSlice(slice) && table.models.every((m) => Object.values(m.protocols).every((p) => p.duplicatesRemoved === null)) && (
              <p className="text-sm text-slate-600">
                No duplicate groups are recorded yet; scan or import them on the <Link href="/duplicates" className="text-blue-700 underline">Duplicates</Link> page.
              </p>
            )}
            <EvaluationTableView table={table} slice={slice} />
          </section>
          <section aria-labelledby="ranks" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <div className="flex items-baseline gap-3">
              <h2 id="ranks" className="text-lg font-semibold">
                How each model&apos;s rank changes between protocols
              </h2>
              <span className="ml-auto">
                <CsvLink chart="ranks" what="rank chart" />
              </span>
            </div>
            <RankChart protocols={table.protocols} models={table.models.map((m) => ({ model: m.model, title: m.title }))} ranks={table.ranks} />
          </section>
          {addModel}
          <ProtocolNotes />
        </>
      )}
    </main>
  );
}
