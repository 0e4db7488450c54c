import { Spinner } from "@/components/ui/spinner";

/** The heading shows at once while the stored table is read. */
export default function EvaluationLoading() {
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Evaluation</h1>
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Reading the evaluation table…
      </p>
    </main>
  );
}
