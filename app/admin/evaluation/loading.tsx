import { Spinner } from "@/components/ui/spinner";

/** Scoring every model can take a few seconds on a cold start; the heading shows at once. */
export default function EvaluationLoading() {
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Evaluation</h1>
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Scoring every model under every protocol…
      </p>
    </main>
  );
}
