import { BurnDownChart } from "@/components/analytics/burn-down-chart";
import type { CampaignThroughput } from "@/lib/analytics/load-throughput";

const value = (v: number | null, unit = "") => (v === null ? "–" : `${v}${unit}`);

export function ThroughputView({ campaigns }: { campaigns: CampaignThroughput[] }) {
  return (
    <div className="space-y-6">
      {campaigns.map((c) => (
        <article key={c.campaignId} className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h3 className="font-semibold">
            {c.name}{" "}
            <span className="font-normal text-slate-500">
              · {c.images} images × {c.annotatorsPerImage} · {c.decisions} decisions · median {value(c.medianSeconds, " s")} per image
            </span>
          </h3>
          <table className="w-full text-sm">
            <caption className="sr-only">Throughput per annotator in {c.name}</caption>
            <thead className="text-left text-slate-600">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Annotator
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Decisions
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Images per hour of labeling
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Median time per image
                </th>
              </tr>
            </thead>
            <tbody>
              {c.annotators.map((a) => (
                <tr key={a.userId}>
                  <td className="py-1">{a.name}</td>
                  <td className="py-1 text-right tabular-nums">{a.decisions}</td>
                  <td className="py-1 text-right tabular-nums">{value(a.imagesPerHour)}</td>
                  <td className="py-1 text-right tabular-nums">{value(a.medianSeconds, " s")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BurnDownChart name={c.name} points={c.burnDown} />
        </article>
      ))}
    </div>
  );
}
