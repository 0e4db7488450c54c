import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { DuplicateFilter } from "@/lib/validation/duplicates";

const PAGE_SIZE = 60;

function whereOf(filter: DuplicateFilter): Prisma.DuplicateGroupWhereInput {
  const member: Prisma.ImageWhereInput[] = [];
  if (filter.split) member.push({ split: filter.split });
  if (filter.classIndex !== undefined) member.push({ labels: { some: { classes: { has: filter.classIndex } } } });
  return {
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(member.length ? { members: { some: { image: { AND: member } } } } : {}),
  };
}

/** Groups for the review list, newest first, with a few members' ids for thumbnails. */
export async function listDuplicateGroups(filter: DuplicateFilter) {
  const where = whereOf(filter);
  const [total, groups] = await Promise.all([
    db.duplicateGroup.count({ where }),
    db.duplicateGroup.findMany({
      where,
      orderBy: { id: "desc" },
      take: PAGE_SIZE,
      select: {
        id: true, kind: true, origin: true, verdict: true, createdAt: true,
        members: { orderBy: { imageId: "asc" }, select: { image: { select: { id: true, fileKey: true, split: true } } } },
      },
    }),
  ]);
  return { total, groups, pageSize: PAGE_SIZE };
}

export type MemberLabel = { source: string; kind: string; status: string; classes: number[] };

/** One group with every member's labels from every source and its dataset-wide consensus; null when absent. */
export async function getDuplicateGroup(groupId: number) {
  const group = await db.duplicateGroup.findUnique({
    where: { id: groupId },
    select: {
      id: true, kind: true, origin: true, verdict: true, reviewedAt: true, createdAt: true,
      reviewedBy: { select: { name: true } },
      members: {
        orderBy: { imageId: "asc" },
        select: {
          distance: true, mirrored: true,
          image: {
            select: {
              id: true, fileKey: true, split: true, width: true, height: true,
              labels: { select: { status: true, classes: true, source: { select: { name: true, kind: true } } } },
              predictions: { select: { classes: true, source: { select: { name: true } } } },
              consensus: { where: { campaignId: null }, select: { status: true, classes: true, excludeReason: true, method: true, version: true } },
            },
          },
        },
      },
    },
  });
  if (!group) return null;
  return {
    ...group,
    members: group.members.map(({ distance, mirrored, image }) => ({
      distance, mirrored,
      id: image.id, fileKey: image.fileKey, split: image.split, width: image.width, height: image.height,
      labels: [
        ...image.labels.map((l) => ({ source: l.source.name, kind: l.source.kind, status: l.status, classes: l.classes })),
        ...image.predictions.map((p) => ({ source: p.source.name, kind: "MODEL", status: "LABELED", classes: p.classes.slice(0, 1) })),
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.source.localeCompare(b.source)) satisfies MemberLabel[],
      consensus: image.consensus[0] ?? null,
    })),
  };
}

export type DuplicateGroupView = NonNullable<Awaited<ReturnType<typeof getDuplicateGroup>>>;

/** The two images of a pair view, when both belong to the group. */
export async function getGroupPair(groupId: number, a: number, b: number) {
  const members = await db.duplicateMember.findMany({ where: { groupId, imageId: { in: [a, b] } }, select: { imageId: true } });
  return members.length === 2 && a !== b ? { a, b } : null;
}

/**
 * How far hashing has got in a dataset, however it was started (the demo load, the CLI, a job):
 * images with pixels, how many are hashed, and when the last one was.
 */
export async function getHashingCoverage(datasetSlug: string) {
  const withPixels = { dataset: { slug: datasetSlug }, bytes: { not: null } };
  const [images, hashed] = await Promise.all([
    db.image.count({ where: withPixels }),
    db.image.aggregate({ where: { ...withPixels, hashedAt: { not: null } }, _count: true, _max: { hashedAt: true } }),
  ]);
  return { images, hashed: hashed._count, lastHashedAt: hashed._max.hashedAt };
}

export type HashingCoverage = Awaited<ReturnType<typeof getHashingCoverage>>;
