import type { ConfusionMatrix } from "@/lib/analytics/confusion";

/** A heatmap as a table: cell shade is the row percentage, each cell shows the count and the percentage. */
export function ConfusionHeatmap({ matrix, names, sourceTitle }: { matrix: ConfusionMatrix; names: Map<number, string>; sourceTitle: string }) {
  const heading = (column: string) => (/^\d+$/.test(column) ? `${column} ${names.get(Number(column)) ?? ""}` : column);
  return (
    <div className="space-y-2">
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="text-sm">
          <caption className="px-3 py-2 text-left text-slate-600">
            Rows: original label. Columns: {sourceTitle}. Each cell: images (row %).
          </caption>
          <thead className="bg-slate-100 text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Original ↓
              </th>
              {matrix.columns.map((c) => (
                <th key={c} scope="col" className="px-3 py-2 text-center font-medium">
                  {heading(c)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Images
              </th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r) => (
              <tr key={r.class}>
                <th scope="row" className="px-3 py-2 text-left font-medium whitespace-nowrap">
                  {heading(String(r.class))}
                </th>
                {matrix.columns.map((c) => {
                  const share = r.percents[c] ?? 0;
                  return (
                    <td
                      key={c}
                      className="px-3 py-2 text-center tabular-nums"
                      // Capped at 70% blue: the page's dark text keeps at least 5.6:1 contrast on every shade (white text on mid shades failed).
                      style={{ backgroundColor: `rgba(0, 114, 178, ${(share / 100) * 0.7})` }}
                    >
                      {r.counts[c]} <span className="text-xs">({share.toFixed(0)}%)</span>
                    </td>
                  );
                })}
                <td className="px-3 py-2 text-right tabular-nums">{r.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-500">Shade: 0% (white) to 100% (blue) of the row&apos;s images.</p>
    </div>
  );
}
