import type { DatasetStats } from "@/lib/stats/dataset-stats";

/** The same figures as `npm run relabel -- stats`. */
export function DatasetStatsView({ stats }: { stats: DatasetStats }) {
  const o = stats.studyOverlap;
  return (
    <section aria-labelledby="dataset-stats" className="space-y-6">
      <h2 id="dataset-stats" className="text-lg font-semibold">
        Dataset {stats.dataset}
      </h2>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Figure label="Images" value={stats.images} />
        <Figure label="With pixels" value={stats.imagesWithPixels} />
        <Figure label="Covered by ≥2 studies" value={o.atLeast2} />
        <Figure label="…of which identical label sets" value={o.identicalAmongAtLeast2} />
      </dl>
      <p className="text-sm text-slate-600">
        Label studies ({o.studies.join(", ")}): covered by ≥1: {o.atLeast1.toLocaleString("en")}, ≥2: {o.atLeast2.toLocaleString("en")}, ≥3:{" "}
        {o.atLeast3.toLocaleString("en")}, all 4: {o.atLeast4.toLocaleString("en")}.
      </p>
      <table className="w-full overflow-hidden rounded-lg bg-white text-sm ring-1 ring-slate-200">
        <caption className="sr-only">Label sources</caption>
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th className="px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Kind</th>
            <th className="px-3 py-2 text-right font-medium">Images covered</th>
            <th className="px-3 py-2 text-right font-medium">None fit / no consensus</th>
            <th className="px-3 py-2 text-right font-medium">Multi-label</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {stats.sources.map((source) => (
            <tr key={source.name}>
              <td className="px-3 py-2">
                <span className="font-medium">{source.title}</span> <span className="text-slate-500">({source.name})</span>
              </td>
              <td className="px-3 py-2 text-slate-600">{source.kind.toLowerCase()}</td>
              <td className="px-3 py-2 text-right tabular-nums">{source.imagesCovered.toLocaleString("en")}</td>
              <td className="px-3 py-2 text-right tabular-nums">{source.emptyOrNoneFit.toLocaleString("en")}</td>
              <td className="px-3 py-2 text-right tabular-nums">{source.multiLabel.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value.toLocaleString("en")}</dd>
    </div>
  );
}
