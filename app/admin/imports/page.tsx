import type { Metadata } from "next";
import { ImportForm } from "@/components/admin/import-form";
import { ImportHistory } from "@/components/admin/import-history";
import { requirePagePermission } from "@/lib/auth/session";
import { listImportJobs } from "@/lib/data/imports";
import { importRoots } from "@/lib/import/allowed-paths";
import { IMPORT_KINDS } from "@/lib/import/kinds";
import { DEFAULT_DATASET } from "@/lib/import/run/context";

export const metadata: Metadata = { title: "Imports" };

export default async function ImportsPage() {
  await requirePagePermission("data:import");
  const jobs = await listImportJobs();
  const kinds = IMPORT_KINDS.map(({ name, description, target, options }) => ({ name, description, target, options: options ?? [] }));
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Imports</h1>
      <ImportForm kinds={kinds} roots={importRoots()} defaultDataset={DEFAULT_DATASET} />
      <ImportHistory jobs={jobs} />
    </main>
  );
}
