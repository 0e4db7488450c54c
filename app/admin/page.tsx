import type { Metadata } from "next";
import Link from "next/link";
import { DatasetStatsView } from "@/components/admin/dataset-stats-view";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/import/run/context";
import { getDatasetStats } from "@/lib/stats/dataset-stats";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requirePagePermission("data:import");
  const stats = await getDatasetStats(db, DEFAULT_DATASET);
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div className="flex items-center gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <nav aria-label="Admin" className="ml-auto flex gap-2 text-sm">
          <Link href="/admin/campaigns" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Campaigns
          </Link>
          <Link href="/admin/imports" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Imports
          </Link>
          <Link href="/admin/exports" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Exports
          </Link>
          {can(admin, "user:manage") && (
            <>
              <Link href="/admin/users" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
                Users
              </Link>
              <Link href="/admin/audit" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
                Audit
              </Link>
            </>
          )}
          <Link href="/admin/evaluation" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Evaluation
          </Link>
          <Link href="/admin/analytics" className="rounded-md bg-white px-3 py-1.5 ring-1 ring-slate-300 hover:bg-slate-50">
            Analytics
          </Link>
        </nav>
      </div>
      {stats ? <DatasetStatsView stats={stats} /> : <p className="text-slate-600">No dataset yet. Import one on the Imports page.</p>}
    </main>
  );
}
