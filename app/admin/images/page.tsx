import type { Metadata } from "next";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { listClassSummaries } from "@/lib/data/classes";
import { listSuspectImages } from "@/lib/data/suspects";
import { SuspectFormula } from "@/components/suspects/suspect-formula";
import { z } from "zod";

export const metadata: Metadata = { title: "Images by suspicion" };

const querySchema = z.object({
  sort: z.enum(["score", "file"]).catch("score"),
  classIndex: z.coerce.number().int().min(0).optional().catch(undefined),
  minScore: z.coerce.number().min(0).optional().catch(undefined),
});


export default async function AdminImagesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePagePermission("review:read");
  const raw = await searchParams;
  const query = querySchema.parse({ sort: raw.sort, classIndex: raw.class || undefined, minScore: raw.min || undefined });
  const [result, classes] = await Promise.all([listSuspectImages(query), listClassSummaries()]);
  const nameOf = new Map(classes.map((c) => [c.index, c.name]));
  const field = "h-9 rounded-md border border-slate-300 bg-white px-2 text-sm";
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Images by suspicion</h1>
      <section aria-labelledby="formula" className="rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
        <h2 id="formula" className="font-semibold">How the score is made</h2>
        <SuspectFormula />
      </section>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter images">
        <label className="flex flex-col gap-1">Sort by
          <select name="sort" defaultValue={query.sort} className={field}><option value="score">score, highest first</option><option value="file">file name</option></select>
        </label>
        <label className="flex flex-col gap-1">Original class index
          <input name="class" type="number" min={0} defaultValue={query.classIndex ?? ""} className={`${field} w-32`} />
        </label>
        <label className="flex flex-col gap-1">Score at least
          <input name="min" type="number" min={0} step={0.1} defaultValue={query.minScore ?? ""} className={`${field} w-28`} />
        </label>
        <button type="submit" className="h-9 rounded-md bg-indigo-600 px-3.5 font-medium text-white hover:bg-indigo-500">Apply</button>
      </form>
      {!result ? <p>No dataset imported yet.</p> : (
        <>
          <p className="text-sm text-slate-600">{result.total.toLocaleString("en")} images match; the first {result.rows.length} are shown.</p>
          <table className="w-full text-left text-sm">
            <thead><tr className="border-b border-slate-300"><th className="py-1">Image</th><th>Original label</th><th>Score</th><th>Parts</th></tr></thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.imageId} className="border-b border-slate-100 align-top">
                  {/* The timeline, not the image file: most ranked images have no pixels (the demo holds 96). Not prefetched: a hundred rows. */}
                  <td className="py-1"><Link href={`/review/${row.imageId}/timeline`} prefetch={false} className="text-indigo-700 hover:underline">{row.fileKey}</Link></td>
                  <td>{row.original.map((c) => `${nameOf.get(c) ?? "class"} (${c})`).join(", ") || "—"}</td>
                  <td className="font-medium tabular-nums">{row.score.toFixed(2)}</td>
                  <td className="text-xs text-slate-600">{Object.entries(row.parts).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(" · ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
