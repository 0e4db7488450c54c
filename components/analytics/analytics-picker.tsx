import { Button } from "@/components/ui/button";
import type { SourceOption } from "@/lib/data/analytics";

/** A plain GET form: the choice lives in the URL, so a view can be linked and reloaded. */
export function AnalyticsPicker({ sources, sourceParam, classesParam, source, classes, keep, label }: {
  sources: SourceOption[];
  sourceParam: string;
  classesParam: string;
  source: string;
  classes: number[];
  keep: Record<string, string>;
  label: string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label={label}>
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">Source or model</span>
        <select name={sourceParam} defaultValue={source} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
          {sources.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title} ({s.name})
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">Classes (indices, comma-separated)</span>
        <input name={classesParam} defaultValue={classes.join(",")} className="w-56 rounded-md border border-slate-300 px-2 py-1.5" />
      </label>
      <Button type="submit" variant="primary">
        Show
      </Button>
    </form>
  );
}
