import type { DuplicateVerdict, Split } from "@/lib/generated/prisma/enums";

/**
 * The "Flaws of ImageNet" blog's duplicate protocols, as sets of validation images to leave out:
 * - × Val: exact duplicates within validation — all but one copy of each removed;
 * - × Cross: validation images that also appear in another split (train, test) — removed, since
 *   a model may have trained on them;
 * - × Val+Cross: both;
 * - × All: the same two rules over near-duplicates too (augmentations, similar views).
 * A group a reviewer marked "not a duplicate" counts for none; one marked exact counts as exact
 * whatever the scan called it.
 */

export const DUPLICATE_PROTOCOLS = ["val", "cross", "valCross", "all"] as const;
export type DuplicateProtocol = (typeof DUPLICATE_PROTOCOLS)[number];

export interface DuplicateGroupMembers {
  /** "exact", "near" or "imported" (lib/duplicates). */
  kind: string;
  verdict: DuplicateVerdict | null;
  members: { imageId: number; split: Split }[];
}

export type DuplicateRemovals = Record<DuplicateProtocol, ReadonlySet<number>>;

export function isExactGroup(group: Pick<DuplicateGroupMembers, "kind" | "verdict">): boolean {
  return group.verdict === "EXACT" || (group.verdict === null && group.kind === "exact");
}

export function duplicateRemovals(groups: Iterable<DuplicateGroupMembers>): DuplicateRemovals {
  const val = new Set<number>();
  const cross = new Set<number>();
  const near = new Set<number>();
  for (const group of groups) {
    if (group.verdict === "NOT_DUPLICATE") continue;
    const valIds = group.members.filter((m) => m.split === "VAL").map((m) => m.imageId);
    if (valIds.length === 0) continue;
    const inOtherSplit = group.members.some((m) => m.split !== "VAL");
    // Within validation the copy with the smallest id stays, so the protocol is deterministic.
    const keep = Math.min(...valIds);
    const withinVal = valIds.filter((id) => id !== keep);
    const exact = isExactGroup(group);
    for (const id of withinVal) {
      if (exact) val.add(id);
      near.add(id);
    }
    if (inOtherSplit) {
      for (const id of valIds) {
        if (exact) cross.add(id);
        near.add(id);
      }
    }
  }
  return { val, cross, valCross: new Set([...val, ...cross]), all: near };
}
