import type { Metadata } from "next";
import { JobTable } from "@/components/admin/job-table";
import { cancelAnyJobAction } from "@/lib/actions/jobs";
import { requirePagePermission } from "@/lib/auth/session";
import { listJobs } from "@/lib/data/jobs";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  await requirePagePermission("system:monitor");
  const jobs = await listJobs({ limit: 100 });
  return (
    <main className="mx-auto max-w-6xl space-y-8 px-4 py-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Jobs</h1>
        <p className="mt-1 text-sm text-slate-600">Every background job of every kind (imports and their validations, exports, consensus recomputations, duplicate scans, suspect scores, evaluations), run by any worker on the shared database.</p>
      </div>
      <JobTable jobs={jobs} cancel={cancelAnyJobAction} empty="No jobs yet." />
    </main>
  );
}
