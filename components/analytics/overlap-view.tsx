import { OverlapCharts } from "@/components/analytics/overlap-charts";
import type { StudyOverlapReport } from "@/lib/analytics/study-overlap";

const n = (value: number) => value.toLocaleString("en");
const pct = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)}%`);

/** Prior-study overlap, with the blog's string comparison beside our set comparison. */
export function OverlapView({ overlap }: { overlap: StudyOverlapReport }) {
  const rows = [
    { label: "Identical verdicts among images covered by ≥2 studies", sets: `${n(overlap.asSets.identical)} (${pct(overlap.asSets.identicalPctOfCovered)})`, strings: `${n(overlap.asStrings.identical)} (${pct(overlap.asStrings.identicalPctOfCovered)})` },
    { label: "…as a share of all validation images", sets: pct(overlap.asSets.identicalPctOfImages), strings: pct(overlap.asStrings.identicalPctOfImages) },
    {
      label: "Original label confirmed among the identical ones with labels",
      sets: `${n(overlap.asSets.originalConfirmed)} of ${n(overlap.asSets.identicalLabeled)} (${pct(overlap.asSets.originalConfirmedPct)})`,
      strings: `${n(overlap.asStrings.originalConfirmed)} of ${n(overlap.asStrings.identicalLabeled)} (${pct(overlap.asStrings.originalConfirmedPct)})`,
    },
  ];
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {overlap.studies.map((s) => `${s.name}: ${n(s.imagesCovered)}`).join(" · ")} images. Reviewed by several studies: <strong>{n(overlap.atLeast2)}</strong> of{" "}
        {n(overlap.images)} ({pct(overlap.atLeast2Pct)}).
      </p>
      <table className="w-full rounded-lg bg-white text-sm ring-1 ring-slate-200">
        <caption className="sr-only">Agreement of the covering studies</caption>
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Measure
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Compared as sets
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              As ordered strings (the blog)
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {r.label}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{r.sets}</td>
              <td className="px-3 py-2 text-right tabular-nums">{r.strings}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OverlapCharts
        coveredBy={overlap.coveredBy}
        comparison={[
          { measure: "Identical (of ≥2 studies)", sets: overlap.asSets.identicalPctOfCovered, strings: overlap.asStrings.identicalPctOfCovered },
          { measure: "Identical (of all images)", sets: overlap.asSets.identicalPctOfImages, strings: overlap.asStrings.identicalPctOfImages },
          { measure: "Original confirmed", sets: overlap.asSets.originalConfirmedPct, strings: overlap.asStrings.originalConfirmedPct },
        ]}
      />
    </div>
  );
}
