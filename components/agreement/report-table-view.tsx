import type { ColumnKind, ReportTable } from "@/lib/agreement/report-tables";
import { formatFigure } from "@/components/agreement/format";
import { cx, focusRing } from "@/components/ui/class-names";

function display(cell: string | number | null, kind: ColumnKind): string {
  if (cell === null) return "–";
  if (typeof cell === "string") return cell;
  return kind === "figure" ? formatFigure(cell) : cell.toLocaleString("en");
}

/** One agreement table with its formula, and the same rows as a CSV download. */
export function ReportTableView({ table, campaignId, hideColumns = [] }: { table: ReportTable; campaignId: number; hideColumns?: string[] }) {
  const shown = table.columns.map((column, index) => ({ column, index })).filter(({ column }) => !hideColumns.includes(column));
  const headingId = `table-${table.name}`;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <div className="flex items-baseline gap-4">
        <h2 id={headingId} className="text-lg font-semibold">{table.title}</h2>
        <a
          href={`/review/agreement/${campaignId}/${table.name}.csv`}
          download
          className={cx("ml-auto rounded-md px-2.5 py-1 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50", focusRing)}
        >
          Download {table.title.toLowerCase()} as CSV
        </a>
      </div>
      <p className="text-sm text-slate-600">{table.formula}</p>
      {table.rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">No rows yet.</p>
      ) : (
        // A scrolling box must be reachable by keyboard, or its hidden rows are out of reach without a mouse.
        <div tabIndex={0} role="region" aria-labelledby={headingId} className={cx("max-h-[32rem] overflow-auto rounded-lg ring-1 ring-slate-200", focusRing)}>
          <table className="w-full bg-white text-sm">
            <caption className="sr-only">{table.title}</caption>
            <thead className="sticky top-0 bg-slate-100 text-left text-slate-600">
              <tr>
                {shown.map(({ column }) => (
                  <th key={column} scope="col" className="px-3 py-2 font-medium">{column}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {shown.map(({ column, index }) => (
                    <td key={column} className={cx("px-3 py-1.5", table.kinds[index] === "text" ? "whitespace-nowrap" : "text-right tabular-nums")}>{display(row[index] ?? null, table.kinds[index] ?? "text")}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
