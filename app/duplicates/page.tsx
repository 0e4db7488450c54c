import type { Metadata } from "next";
import Link from "next/link";
import { ScanPanel } from "@/components/duplicates/scan-panel";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getHashingCoverage, listDuplicateGroups } from "@/lib/data/duplicates";
import { findLatestJob } from "@/lib/data/jobs";
import { duplicateScanDedupKey } from "@/lib/duplicates/scan-job";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { duplicateFilterSchema } from "@/lib/validation/duplicates";

export const metadata: Metadata = { title: "Duplicates" };

const field = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm";

export default async function DuplicatesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePagePermission("review:read");
  const raw = await searchParams;
  const filter = duplicateFilterSchema.parse({ kind: raw.kind || undefined, split: raw.split || undefined, classIndex: raw.class || undefined });
  const [{ total, groups, pageSize }, scan, coverage] = await Promise.all([listDuplicateGroups(filter), findLatestJob(duplicateScanDedupKey(DEFAULT_DATASET)), getHashingCoverage(DEFAULT_DATASET)]);
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Duplicates</h1>
      <ScanPanel dataset={DEFAULT_DATASET} job={scan} coverage={coverage} canStart={can(user, "data:import")} />
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter groups">
        <label className="flex flex-col gap-1">
          Kind
          <select name="kind" defaultValue={filter.kind ?? ""} className={field}>
            <option value="">any</option>
            <option value="exact">exact</option>
            <option value="near">near</option>
            <option value="imported">imported</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Split
          <select name="split" defaultValue={filter.split ?? ""} className={field}>
            <option value="">any</option>
            <option value="TRAIN">train</option>
            <option value="VAL">validation</option>
            <option value="TEST">test</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          Class index (a member labeled with it)
          <input name="class" type="number" min={0} defaultValue={filter.classIndex ?? ""} className={`${field} w-40`} />
        </label>
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3.5 font-medium text-white hover:bg-indigo-500">Filter</button>
      </form>
      <p className="text-sm text-slate-600">
        {total.toLocaleString("en")} groups{total > pageSize ? ` (newest ${pageSize} shown)` : ""}. Scan above, or run <code>npm run relabel -- duplicates scan</code>, to find more.
      </p>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {groups.map((group) => (
          <li key={group.id} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <Link href={`/duplicates/${group.id}`} className="font-medium text-indigo-700 hover:underline">
              Group {group.id}: {group.members.length} images
            </Link>
            <div className="mt-1 flex flex-wrap gap-1.5">
              <Badge tone="accent">{group.kind}</Badge>
              <Badge tone="outline">{[...new Set(group.members.map((m) => m.image.split.toLowerCase()))].join(" ↔ ")}</Badge>
              {group.verdict && <Badge tone="success">{group.verdict.toLowerCase().replace("_", " ")}</Badge>}
            </div>
            <div className="mt-2 grid grid-cols-3 gap-1">
              {group.members.slice(0, 3).map((m) => (
                // eslint-disable-next-line @next/next/no-img-element
                <img key={m.image.id} src={`/api/images/${m.image.id}`} alt={m.image.fileKey} className="aspect-square w-full rounded object-cover" />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
