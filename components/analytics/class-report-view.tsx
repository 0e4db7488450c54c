import { type ClassBar, ClassBars } from "@/components/analytics/class-bars";
import type { ClassConfirmation, GroupConfirmation } from "@/lib/analytics/class-confirmation";

const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
const pct = (value: number | null) => (value === null ? "–" : `${value.toFixed(1)}%`);

/** The blog's per-class table (what the rest became, by name) with its stacked bars. */
export function ClassReportView({ rows, names }: { rows: ClassConfirmation[]; names: Map<number, string> }) {
  const label = (c: number) => `${c} ${names.get(c) ?? ""}`.trim();
  const bars: ClassBar[] = rows.map((r) => ({
    label: label(r.class),
    confirmed: r.confirmed,
    other: total(r.becameOther),
    multilabel: r.multilabel,
    ambiguous: r.ambiguous,
    outside: total(r.notInImagenet),
    unusable: r.unusable,
  }));
  const list = (counts: Record<string, number>, name: (key: string) => string) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([key, count]) => `${name(key)} ×${count}`)
      .join(", ") || "–";
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-sm">
          <caption className="sr-only">Per class confirmation</caption>
          <thead className="bg-slate-100 text-left text-slate-600">
            <tr>
              {["Class", "Images", "Confirmed", "Became another class", "Several", "Ambiguous", "Not in ImageNet", "No verdict"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.class}>
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {label(r.class)}
                </th>
                <td className="px-3 py-2 tabular-nums">{r.images}</td>
                <td className="px-3 py-2 tabular-nums">
                  {r.confirmed} ({pct(r.confirmedPct)})
                </td>
                <td className="px-3 py-2">{list(r.becameOther, (k) => label(Number(k)))}</td>
                <td className="px-3 py-2 tabular-nums">{r.multilabel}</td>
                <td className="px-3 py-2 tabular-nums">{r.ambiguous}</td>
                <td className="px-3 py-2">{list(r.notInImagenet, (k) => k)}</td>
                <td className="px-3 py-2 tabular-nums">{r.unusable}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.some((r) => r.images > 0) && <ClassBars bars={bars} />}
    </div>
  );
}

/** Per class group (clusters.json), the same buckets summed, worst-confirmed first. */
export function GroupReportView({ groups, names }: { groups: GroupConfirmation[]; names: Map<number, string> }) {
  const sorted = [...groups].sort((a, b) => (a.confirmedPct ?? 101) - (b.confirmedPct ?? 101));
  return (
    <div className="max-h-96 overflow-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-sm">
        <caption className="sr-only">Per class group confirmation</caption>
        <thead className="sticky top-0 bg-slate-100 text-left text-slate-600">
          <tr>
            {["Group", "Codes", "Images", "Confirmed", "Another class", "Several", "Ambiguous", "Not in ImageNet", "No verdict"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((g) => (
            <tr key={g.groupId}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {g.classes.map((c) => names.get(c) ?? c).join(" / ")}
              </th>
              <td className="px-3 py-2">{g.codes.join(", ")}</td>
              <td className="px-3 py-2 tabular-nums">{g.images}</td>
              <td className="px-3 py-2 tabular-nums">
                {g.confirmed} ({pct(g.confirmedPct)})
              </td>
              <td className="px-3 py-2 tabular-nums">{g.becameOther}</td>
              <td className="px-3 py-2 tabular-nums">{g.multilabel}</td>
              <td className="px-3 py-2 tabular-nums">{g.ambiguous}</td>
              <td className="px-3 py-2 tabular-nums">{g.notInImagenet}</td>
              <td className="px-3 py-2 tabular-nums">{g.unusable}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
