import "server-only";
import { can, type Role } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface Viewer {
  id: number;
  role: Role;
}

/**
 * The images a user may see: every image with review:read; otherwise the images of campaigns
 * they belong to, and the neutral example pool (training-style samples, split TRAIN) of those
 * campaigns' datasets, which the labeling screen shows as examples of a class. Ids are sequential,
 * so anything looser would let one guess and fetch every image of every dataset.
 */
export function visibleImagesWhere(viewer: Viewer): Prisma.ImageWhereInput {
  if (can(viewer, "review:read")) return {};
  const member = { members: { some: { userId: viewer.id } } };
  return {
    OR: [{ campaigns: { some: { campaign: member } } }, { split: "TRAIN", dataset: { campaigns: { some: member } } }],
  };
}
