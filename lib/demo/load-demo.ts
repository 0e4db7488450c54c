import path from "node:path";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import type { Db } from "@/lib/db";
import { DEFAULT_DATASET } from "@/lib/import/run/context";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";
import { DEFAULT_THRESHOLD } from "@/lib/duplicates/grouping";
import { scanImageHashes } from "@/lib/duplicates/scan";
import { groupDuplicates } from "@/lib/duplicates/store-groups";

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

/** Demo mode: RELABEL_DEMO=1/0 decides; by default on with the embedded database, off with DATABASE_URL. */
export function isDemoMode(env: Record<string, string | undefined> = process.env): boolean {
  if (env.RELABEL_DEMO !== undefined) return env.RELABEL_DEMO === "1" || env.RELABEL_DEMO === "true";
  return !env.DATABASE_URL;
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
  const images = await db.image.findMany({ where: { datasetId: dataset.id, bytes: { not: null } }, select: { id: true } });
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
  // The bundle ships derived copies of a few images, so the demo shows duplicate groups from the start.
  await scanImageHashes(db, { dataset: DEFAULT_DATASET });
  const groups = await groupDuplicates(db, { dataset: DEFAULT_DATASET, threshold: DEFAULT_THRESHOLD });
  log(`duplicate scan: ${groups.length} groups`);
  return true;
}
