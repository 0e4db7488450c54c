import "server-only";
import { db } from "@/lib/db";
import { importJob } from "@/lib/import/jobs";

/** The import history: jobs of kind "import", with their import kind and path read from the payload. */
export async function listImportJobs(limit = 30) {
  const jobs = await db.job.findMany({
    where: { kind: importJob.name },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, payload: true, status: true, message: true, done: true, total: true, result: true, attempts: true,
      createdAt: true, startedAt: true, finishedAt: true, createdBy: { select: { name: true } },
    },
  });
  return jobs.map(({ payload, ...job }) => {
    const parsed = importJob.payload.safeParse(payload);
    return { ...job, kind: parsed.success ? parsed.data.kind : "?", path: parsed.success ? parsed.data.path : "" };
  });
}
export type ImportJobRow = Awaited<ReturnType<typeof listImportJobs>>[number];
