import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import type { Db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/datasets";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { loadReplayCampaign, REPLAY_ANNOTATORS } from "@/lib/demo/replay-campaign";
import { DEFAULT_THRESHOLD } from "@/lib/duplicates/grouping";
import { scanImageHashes } from "@/lib/duplicates/scan";
import { groupDuplicates } from "@/lib/duplicates/store-groups";
import { queueEvaluation } from "@/lib/evaluation/evaluation-job";
import { refreshSuspectScoresOf } from "@/lib/suspects/store";

export const DEMO_BUNDLE = path.resolve(import.meta.dirname, "../../prisma/demo");

/** Published in the README and printed at start; they exist only in demo mode. */
export const DEMO_ACCOUNTS = {
  password: "relabel-demo",
  users: [
    { email: "admin@relabel.demo", name: "Ada Admin", role: "ADMIN" },
    { email: "reviewer@relabel.demo", name: "Rey Reviewer", role: "REVIEWER" },
    { email: "annotator@relabel.demo", name: "Ann Annotator", role: "ANNOTATOR" },
    { email: "annotator2@relabel.demo", name: "Bo Annotator", role: "ANNOTATOR" },
  ] satisfies { email: string; name: string; role: Role }[],
};

type Env = Record<string, string | undefined>;

/** 127.0.0.0/8, ::1 and localhost: only this machine can reach a server bound there. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1");
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || /^::ffff:127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Why demo mode is not turned on by default here, or null. Demo accounts have a public password,
 * so a default never creates them on a production build or on a server others can reach.
 */
export function demoModeRefusal(env: Env = process.env): string | null {
  if (env.RELABEL_DEMO !== undefined || env.DATABASE_URL) return null;
  if (env.NODE_ENV === "production") return "NODE_ENV is production";
  const host = env.HOST ?? "127.0.0.1";
  if (!isLoopbackHost(host)) return `HOST ${host} is not a loopback address`;
  return null;
}

/**
 * Demo mode: RELABEL_DEMO=1/0 decides. By default it is on with the embedded database and off
 * with DATABASE_URL, and refused (off) when NODE_ENV=production or HOST is not a loopback address.
 */
export function isDemoMode(env: Env = process.env): boolean {
  if (env.RELABEL_DEMO !== undefined) return env.RELABEL_DEMO === "1" || env.RELABEL_DEMO === "true";
  return !env.DATABASE_URL && demoModeRefusal(env) === null;
}

/**
 * Loads the demo bundle, accounts and a campaign into a database without users; returns false
 * when it has users already. The bundle import is idempotent, so a first start that was
 * interrupted half-way simply loads again.
 */
export async function loadDemo(db: Db, url: string, log: (line: string) => void): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  log("loading the demo data (first start)…");
  const summaries = await importImagenetBundle({ url, dataset: DEFAULT_DATASET, onProgress: log }, DEMO_BUNDLE);
  for (const summary of summaries) log(`  ${summary.kind}: ${summary.stored} rows`);

  const passwordHash = await hashPassword(DEMO_ACCOUNTS.password);
  const users = await db.$transaction(
    DEMO_ACCOUNTS.users.map((user) => db.user.create({ data: { ...user, passwordHash }, select: { id: true, role: true } })),
  );
  const dataset = await db.dataset.findUniqueOrThrow({ where: { slug: DEFAULT_DATASET }, select: { id: true } });
  const images = await db.image.findMany({ where: { datasetId: dataset.id, bytes: { not: null } }, select: { id: true, fileNumber: true } });
  await createCampaign(db, {
    datasetId: dataset.id,
    name: "Demo: ImageNet validation images",
    instructions:
      "Choose every ImageNet class that is clearly visible. Mark the image **ambiguous** when it cannot be decided " +
      "(say why), and name anything that is **not in ImageNet**.",
    annotatorsPerImage: 2,
    showPriorLabels: true,
    selection: { kind: "with-pixels" },
    imageIds: images.map((image) => image.id),
    memberIds: users.map((user) => user.id),
    createdById: users.find((user) => user.role === "ADMIN")?.id ?? null,
  });
  log(`demo campaign created with ${images.length} images`);
  const [replayReal, replayNorthcutt] = await db.$transaction(
    REPLAY_ANNOTATORS.map((account) => db.user.create({ data: { ...account, role: "ANNOTATOR", active: false, passwordHash }, select: { id: true } })),
  );
  const replay = await loadReplayCampaign(db, {
    datasetId: dataset.id,
    // Only the real validation images: the derived duplicate copies carry no study's verdict.
    imageIds: images.filter((image) => image.fileNumber !== null).map((image) => image.id),
    annotatorIds: [replayReal!.id, replayNorthcutt!.id],
    createdById: users.find((user) => user.role === "ADMIN")?.id ?? null,
  });
  log(`review campaign "Prior studies, replayed" created with ${replay.decisions} decisions replayed from ReaL, Northcutt et al. and ResNet-50`);
  // The bundle ships derived copies of a few images, so the demo shows duplicate groups from the start.
  await scanImageHashes(db, { dataset: DEFAULT_DATASET });
  const groups = await groupDuplicates(db, { dataset: DEFAULT_DATASET, threshold: DEFAULT_THRESHOLD });
  log(`duplicate scan: ${groups.length} groups`);
  const scored = await refreshSuspectScoresOf(db, DEFAULT_DATASET);
  log(`suspect scores stored for ${scored?.images ?? 0} images`);
  // The worker computes the evaluation table once it starts; the page shows the job until then.
  const evaluation = await queueEvaluation(db, url, DEFAULT_DATASET, users.find((user) => user.role === "ADMIN")?.id ?? null);
  log(`evaluation of the demo models queued (job ${evaluation.jobId})`);
  return true;
}
