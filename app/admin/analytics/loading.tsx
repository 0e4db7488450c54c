import { Spinner } from "@/components/ui/spinner";

export default function AnalyticsLoading() {
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Computing overlap, class tables and throughput…
      </p>
    </main>
  );
}
