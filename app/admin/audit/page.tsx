import type { Metadata } from "next";
import { AuditFilters } from "@/components/accounts/audit-filters";
import { AuditTable } from "@/components/accounts/audit-table";
import { requirePagePermission } from "@/lib/auth/session";
import { getAuditPage } from "@/lib/data/admin-accounts";
import { auditFilterSchema } from "@/lib/validation/audit";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("user:manage");
  const raw = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const filter = auditFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, first(value) || undefined])));
  const page = await getAuditPage(filter);
  const { page: _page, ...params } = filter;
  return (
    <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
      <AuditFilters filter={filter} />
      <AuditTable page={page} params={params} />
    </main>
  );
}
