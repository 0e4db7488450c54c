import "server-only";
import { CONSENSUS_SOURCE } from "@/lib/consensus/publish";
import { publishConsensusDedupKey } from "@/lib/consensus/publish-job";
import { findLatestJob } from "@/lib/data/jobs";
import { db } from "@/lib/db";

/**
 * Every export, newest first: the history of who took what out, and from which consensus state.
 * A queued export's progress lives on its job; a job that ended without its handler (cancelled
 * while queued, failed for good) decides what the row shows.
 */
export async function listExports(limit = 50) {
  const rows = await db.export.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: {
      id: true, format: true, status: true, rows: true, bytes: true, fileName: true, message: true, options: true,
      consensusRows: true, consensusUpdatedAt: true, createdAt: true, finishedAt: true,
      dataset: { select: { slug: true } }, campaign: { select: { id: true, name: true } }, createdBy: { select: { name: true } },
      job: { select: { id: true, status: true, done: true, total: true, message: true, cancelRequested: true } },
    },
  });
  return rows.map((row) => {
    const pending = row.status === "QUEUED" || row.status === "RUNNING";
    const jobEnded = row.job && (row.job.status === "CANCELLED" || row.job.status === "FAILED");
    return pending && jobEnded ? { ...row, status: row.job!.status, message: row.job!.message } : row;
  });
}
export type ExportRow = Awaited<ReturnType<typeof listExports>>[number];

/** What can be exported: each dataset's own consensus, and each campaign's. */
export async function listExportScopes() {
  const [datasets, campaigns] = await Promise.all([
    db.dataset.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } }),
    db.campaign.findMany({ orderBy: { id: "desc" }, select: { id: true, name: true, dataset: { select: { slug: true } }, _count: { select: { images: true } } } }),
  ]);
  return {
    datasets,
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name, dataset: c.dataset.slug, images: c._count.images })),
  };
}
export type ExportScopes = Awaited<ReturnType<typeof listExportScopes>>;

/** A finished export's file, or null (running, failed, or no such export). */
export async function findDownloadableExport(id: number) {
  return db.export.findFirst({ where: { id, status: "SUCCEEDED", fileName: { not: null } }, select: { id: true, fileName: true, bytes: true, format: true } });
}

/**
 * Per dataset, what its published consensus holds (the label source "consensus": version, when,
 * how many images) and the latest publish job, for the exports page's dataset scope.
 */
export async function listPublishedConsensus() {
  const datasets = await db.dataset.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      name: true,
      sources: { where: { name: CONSENSUS_SOURCE }, select: { version: true, importedAt: true, _count: { select: { labels: true } } } },
    },
  });
  const jobs = await Promise.all(datasets.map((dataset) => findLatestJob(publishConsensusDedupKey(dataset.slug))));
  return datasets.map((dataset, i) => {
    const source = dataset.sources[0];
    return { slug: dataset.slug, name: dataset.name, published: source ? { version: source.version, at: source.importedAt, images: source._count.labels } : null, job: jobs[i]! };
  });
}
export type PublishedConsensus = Awaited<ReturnType<typeof listPublishedConsensus>>[number];
