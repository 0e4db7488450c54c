/**
 * A reviewer's changes to a duplicate group. Labels and exclusions go through the dataset-wide
 * consensus of each member (one revision per image), with the version the reviewer saw: if any
 * member changed since, the whole change is refused and nothing is written.
 */
import { type AuditAction, recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { requireKnownClasses } from "@/lib/decisions/known-classes";
import type { ConsensusStatus, DuplicateVerdict } from "@/lib/generated/prisma/enums";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import type { ApplyGroupLabel, ExcludeMembers } from "@/lib/validation/duplicates";

export const GROUP_METHOD = "duplicate-group";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export async function setGroupVerdict(db: Db, userId: number, groupId: number, verdict: DuplicateVerdict) {
  await db.$transaction(async (tx) => {
    const updated = await tx.duplicateGroup.updateMany({ where: { id: groupId }, data: { verdict, reviewedById: userId, reviewedAt: new Date() } });
    if (updated.count === 0) throw new NotFoundError("That duplicate group");
    await recordAudit(tx, { userId, action: "duplicates.verdict", entity: "duplicate_group", entityId: groupId, details: { verdict } });
  });
}

interface Change {
  status: Extract<ConsensusStatus, "RESOLVED" | "EXCLUDED">;
  classes: number[];
  excludeReason: string | null;
  note: string;
}

async function members(tx: Tx, groupId: number) {
  const group = await tx.duplicateGroup.findUnique({
    where: { id: groupId },
    select: { members: { select: { image: { select: { id: true, fileKey: true } } } } },
  });
  if (!group) throw new NotFoundError("That duplicate group");
  return group.members.map((m) => m.image);
}

/** Writes one consensus change to one image, checking the version the reviewer saw. */
async function changeConsensus(tx: Tx, reviewerId: number, image: { id: number; fileKey: string }, seen: number | null | undefined, change: Change) {
  const current = await tx.consensus.findFirst({ where: { imageId: image.id, campaignId: null }, select: { id: true, version: true } });
  const conflict = () =>
    new ExpectedError(`${image.fileKey} was changed by someone else after you opened this group; nothing was applied. Reload the group and try again.`);
  if (seen === undefined) throw conflict();
  const content = {
    status: change.status,
    classes: change.classes,
    ambiguity: null,
    candidateClasses: [],
    outsideLabels: [],
    excludeReason: change.excludeReason,
    method: GROUP_METHOD,
  };
  let consensusId: number;
  let version: number;
  if (!current) {
    if (seen !== null) throw conflict();
    const created = await tx.consensus.create({
      data: { imageId: image.id, campaignId: null, ...content, note: change.note, resolvedById: reviewerId, version: 1 },
      select: { id: true },
    });
    [consensusId, version] = [created.id, 1];
  } else {
    if (seen !== current.version) throw conflict();
    const updated = await tx.consensus.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...content, note: change.note, resolvedById: reviewerId, changedSinceResolved: false, version: { increment: 1 } },
    });
    if (updated.count === 0) throw conflict();
    [consensusId, version] = [current.id, current.version + 1];
  }
  await tx.consensusRevision.create({ data: { consensusId, version, ...content, note: change.note, reviewerId } });
}

async function changeMembers(db: Db, reviewerId: number, groupId: number, imageIds: number[] | "all", seenVersions: Record<string, number | null>, change: Change, action: AuditAction) {
  return db.$transaction(async (tx) => {
    await requireKnownClasses(tx, change.classes);
    const all = await members(tx, groupId);
    const chosen = imageIds === "all" ? all : all.filter((image) => imageIds.includes(image.id));
    if (imageIds !== "all" && chosen.length !== new Set(imageIds).size) throw new NotFoundError("A chosen member of that group");
    for (const image of chosen) await changeConsensus(tx, reviewerId, image, seenVersions[String(image.id)], change);
    await recordAudit(tx, { userId: reviewerId, action, entity: "duplicate_group", entityId: groupId, details: { images: chosen.map((i) => i.id), classes: change.classes } });
    return { changed: chosen.length };
  });
}

export function applyLabelToGroup(db: Db, reviewerId: number, input: ApplyGroupLabel) {
  const note = input.note || `Label applied to every member of duplicate group ${input.groupId}.`;
  return changeMembers(db, reviewerId, input.groupId, "all", input.seenVersions, { status: "RESOLVED", classes: [...new Set(input.classes)].sort((a, b) => a - b), excludeReason: null, note }, "duplicates.apply-label");
}

export function excludeGroupMembers(db: Db, reviewerId: number, input: ExcludeMembers) {
  const note = `Excluded from evaluation as a member of duplicate group ${input.groupId}.`;
  return changeMembers(db, reviewerId, input.groupId, input.imageIds, input.seenVersions, { status: "EXCLUDED", classes: [], excludeReason: "duplicate", note }, "duplicates.exclude");
}
