/**
 * Turns the stored hashes of a dataset into duplicate groups. A rescan replaces the groups an
 * earlier scan found and nobody has reviewed; reviewed and imported groups stay as they are.
 */
import { recordAudit } from "@/lib/audit/record";
import { requireDatasetId } from "@/lib/datasets";
import type { Db } from "@/lib/db";
import { type FoundGroup, checkThreshold, findDuplicateGroups } from "@/lib/duplicates/grouping";
import { toUnsigned64 } from "@/lib/duplicates/hashes";

export const SCAN_ORIGIN_PREFIX = "scan:";

export interface StoredGroup {
  id: number;
  kind: string;
  members: string[];
}

export async function groupDuplicates(db: Db, params: { dataset: string; threshold: number; actorId?: number | null }): Promise<StoredGroup[]> {
  const threshold = checkThreshold(params.threshold);
  const datasetId = await requireDatasetId(db, params.dataset);
  const rows = await db.image.findMany({
    where: { datasetId, phash: { not: null }, phashMirror: { not: null } },
    select: { id: true, fileKey: true, contentHash: true, pixelHash: true, phash: true, phashMirror: true },
  });
  const found = findDuplicateGroups(
    rows.map((row) => ({ ...row, phash: toUnsigned64(row.phash!), phashMirror: toUnsigned64(row.phashMirror!) })),
    threshold,
  );
  const fileOf = new Map(rows.map((row) => [row.id, row.fileKey]));
  const origin = `${SCAN_ORIGIN_PREFIX}phash<=${threshold}`;
  return db.$transaction(async (tx) => {
    const removed = await tx.duplicateGroup.deleteMany({ where: { datasetId, verdict: null, origin: { startsWith: SCAN_ORIGIN_PREFIX } } });
    const kept = await tx.duplicateGroup.findMany({
      where: { datasetId, origin: { startsWith: SCAN_ORIGIN_PREFIX } },
      select: { members: { select: { imageId: true } } },
    });
    const keptKeys = new Set(kept.map((group) => memberKey(group.members.map((m) => m.imageId))));
    const stored: StoredGroup[] = [];
    for (const group of found as FoundGroup[]) {
      if (keptKeys.has(memberKey(group.members.map((m) => m.imageId)))) continue;
      const created = await tx.duplicateGroup.create({
        data: { datasetId, kind: group.kind, origin, members: { create: group.members } },
        select: { id: true },
      });
      stored.push({ id: created.id, kind: group.kind, members: group.members.map((m) => fileOf.get(m.imageId)!) });
    }
    // The rescan deletes groups: audited with it, so the log says where unreviewed groups went.
    await recordAudit(tx, { userId: params.actorId ?? null, action: "duplicates.scan", entity: "dataset", entityId: datasetId, details: { threshold, removed: removed.count, stored: stored.length } });
    return stored;
  }, { timeout: 120_000 });
}

const memberKey = (ids: number[]) => [...ids].sort((a, b) => a - b).join(",");

/** Every group of a dataset with its members' file names, oldest first (the CLI's JSON). */
export async function listGroupSummaries(db: Db, slug: string): Promise<StoredGroup[]> {
  const groups = await db.duplicateGroup.findMany({
    where: { dataset: { slug } },
    orderBy: { id: "asc" },
    select: { id: true, kind: true, members: { select: { image: { select: { fileKey: true } } }, orderBy: { imageId: "asc" } } },
  });
  return groups.map((group) => ({ id: group.id, kind: group.kind, members: group.members.map((m) => m.image.fileKey) }));
}
