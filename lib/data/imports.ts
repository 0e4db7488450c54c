import "server-only";
import { db } from "@/lib/db";

export async function listImportJobs(limit = 30) {
  return db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true, kind: true, path: true, status: true, message: true, done: true, result: true,
      createdAt: true, finishedAt: true, createdBy: { select: { name: true } },
    },
  });
}
export type ImportJobRow = Awaited<ReturnType<typeof listImportJobs>>[number];
