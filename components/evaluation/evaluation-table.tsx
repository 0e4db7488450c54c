import { type Slice, sliceFigure } from "@/components/evaluation/slices";
import type { EvaluationTable } from "@/lib/data/evaluation";

const pct = (value: number | null | undefined) => (value === null || value === undefined ? "—" : `${value.toFixed(2)}%`);
const count = (n: number) => n.toLocaleString("en");

/** Models × protocols: top-1 (top-5 where defined), and under each figure the images it counts and leaves out. */
export function EvaluationTableView({ table, slice }: { table: EvaluationTable; slice: Slice }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full text-sm">
        <caption className="sr-only">Accuracy of each model under each protocol</caption>
        <thead className="bg-slate-100 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Model
            </th>
            {table.protocols.map((p) => (
              <th key={p.protocol} scope="col" className="px-3 py-2 text-right font-medium">
                {p.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.models.map((m) => (
            <tr key={m.model}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {m.title} <span className="font-normal text-slate-500">({m.model})</span>
                {m.publishedK !== null && m.publishedK < 5 && <div className="text-xs font-normal text-slate-500">top-{m.publishedK} only: no top-5</div>}
              </th>
              {table.protocols.map((p) => {
                const figure = sliceFigure(m.protocols[p.protocol], slice);
                return (
                  <td key={p.protocol} className="px-3 py-2 text-right tabular-nums">
                    {figure ? (
                      <>
                        <div className="font-medium">
                          {pct(figure.top1)}
                          {figure.top5 !== undefined && (
                            <span className="font-normal text-slate-500" title={figure.top5 === null ? "The model published fewer than five predictions per image" : undefined}>
                              {" "}
                              / {pct(figure.top5)}
                            </span>
                          )}
                        </div>
                        <div className="text-xs text-slate-500">
                          {count(figure.images)} images{figure.leftOut > 0 && <>, {count(figure.leftOut)} left out</>}
                        </div>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
