import type { Metadata } from "next";
import Link from "next/link";
import { DatasetStatsView } from "@/components/admin/dataset-stats-view";
import { adminPagesFor } from "@/components/layout/admin-pages";
import { requirePagePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { getDatasetStats } from "@/lib/stats/dataset-stats";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requirePagePermission("data:import");
  const stats = await getDatasetStats(db, DEFAULT_DATASET);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <nav aria-label="Admin" className="ml-auto flex flex-wrap gap-2 text-sm">
          {adminPagesFor(admin)
            .filter((page) => page.href !== "/admin")
            .map((page) => (
              <Link key={page.href} href={page.href} className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
                {page.label}
              </Link>
            ))}
        </nav>
      </div>
      {stats ? <DatasetStatsView stats={stats} /> : <p className="text-slate-600">No dataset yet. Import one on the Imports page.</p>}
    </main>
  );
}
