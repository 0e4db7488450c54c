import Link from "next/link";
import type { AuditPage } from "@/lib/audit/list-entries";

function pageHref(params: Record<string, string | undefined>, page: number) {
  const query = new URLSearchParams(Object.entries({ ...params, page: String(page) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
  return `/admin/audit?${query}`;
}

/** Audit entries newest first, with links to the neighbouring pages that keep the filters. */
export function AuditTable({ page, params }: { page: AuditPage; params: Record<string, string | undefined> }) {
  return (
    <section aria-labelledby="audit-entries" className="space-y-3">
      <h2 id="audit-entries" className="text-sm text-slate-600">
        {page.total.toLocaleString("en")} {page.total === 1 ? "entry" : "entries"} · page {page.page} of {page.pages}
      </h2>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit entries, newest first</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">When (UTC)</th>
              <th scope="col" className="px-4 py-2 font-medium">Action</th>
              <th scope="col" className="px-4 py-2 font-medium">By</th>
              <th scope="col" className="px-4 py-2 font-medium">Entity</th>
              <th scope="col" className="px-4 py-2 font-medium">Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.entries.map((entry) => (
              <tr key={entry.id} className="align-top">
                <td className="whitespace-nowrap px-4 py-2 text-slate-600">{entry.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td className="whitespace-nowrap px-4 py-2 font-medium">{entry.action}</td>
                <td className="px-4 py-2">{entry.userEmail ?? <span className="text-slate-500">—</span>}</td>
                <td className="whitespace-nowrap px-4 py-2">
                  {entry.entity}
                  {entry.entityId && ` #${entry.entityId}`}
                </td>
                <td className="max-w-md break-words px-4 py-2 font-mono text-xs text-slate-700">{JSON.stringify(entry.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {page.entries.length === 0 && <p className="px-4 py-6 text-center text-slate-600">No entries match these filters.</p>}
      </div>
      <nav aria-label="Audit pages" className="flex gap-3 text-sm">
        {page.page > 1 && (
          <Link href={pageHref(params, page.page - 1)} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Newer
          </Link>
        )}
        {page.page < page.pages && (
          <Link href={pageHref(params, page.page + 1)} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Older
          </Link>
        )}
      </nav>
    </section>
  );
}
