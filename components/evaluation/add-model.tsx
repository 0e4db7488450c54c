import { ImportForm } from "@/components/admin/import-form";
import { JobTable } from "@/components/admin/job-table";
import { cancelImportAction } from "@/lib/actions/imports";
import type { JobRow, RestoredValidation } from "@/lib/data/jobs";

type FormKind = Parameters<typeof ImportForm>[0]["kinds"][number];

/**
 * The evaluation page's way in for a model: the import form restricted to predictions (same
 * upload route, same queued import job) and those imports' history, which refreshes the page
 * while one runs — so the model joins the table when its job finishes.
 */
export function AddModel({ kinds, roots, defaultDataset, jobs, restored }: { kinds: FormKind[]; roots: string[]; defaultDataset: string; jobs: JobRow[]; restored: RestoredValidation | null }) {
  return (
    <section aria-labelledby="add-model" className="space-y-4">
      <div>
        <h2 id="add-model" className="text-lg font-semibold">
          Add a model
        </h2>
        <p className="text-sm text-slate-600">
          Upload its predictions (or give a server path): a <code>.npy</code> of top-k class indices in class-folder order (as ImageNetV2 and
          cleanlab publish them), a <code>.csv</code> of <code>file,class,score</code>, or <code>.jsonl</code>. Validate first to see what would be
          stored; the import runs as a background job.
        </p>
      </div>
      <ImportForm kinds={kinds} roots={roots} defaultDataset={defaultDataset} label="Import predictions" restored={restored} />
      <JobTable jobs={jobs} cancel={cancelImportAction} empty="No prediction imports yet." showKind={false} title="Prediction imports" />
    </section>
  );
}
