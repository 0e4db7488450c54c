import { describe, expect, it } from "vitest";
import { type DuplicateGroupMembers, duplicateRemovals } from "@/lib/evaluation/duplicate-protocols";

const val = (imageId: number) => ({ imageId, split: "VAL" as const });
const train = (imageId: number) => ({ imageId, split: "TRAIN" as const });
const group = (kind: string, members: DuplicateGroupMembers["members"], verdict: DuplicateGroupMembers["verdict"] = null): DuplicateGroupMembers => ({ kind, verdict, members });
const sorted = (set: ReadonlySet<number>) => [...set].sort((a, b) => a - b);

describe("duplicateRemovals", () => {
  it("removes all but the first copy of an exact val triple under × Val, and nothing under × Cross", () => {
    const removed = duplicateRemovals([group("exact", [val(7), val(3), val(5)])]);
    expect(sorted(removed.val)).toEqual([5, 7]);
    expect(sorted(removed.cross)).toEqual([]);
    expect(sorted(removed.valCross)).toEqual([5, 7]);
    expect(sorted(removed.all)).toEqual([5, 7]);
  });

  it("removes every val copy of an image that is also in train under × Cross", () => {
    const removed = duplicateRemovals([group("exact", [val(1), val(2), train(100)])]);
    expect(sorted(removed.val)).toEqual([2]);
    expect(sorted(removed.cross)).toEqual([1, 2]);
    expect(sorted(removed.valCross)).toEqual([1, 2]);
  });

  it("counts near-duplicates only under × All", () => {
    const removed = duplicateRemovals([group("near", [val(1), val(2)]), group("near", [val(3), train(200)]), group("exact", [val(4), val(5)])]);
    expect(sorted(removed.valCross)).toEqual([5]);
    expect(sorted(removed.all)).toEqual([2, 3, 5]);
  });

  it("follows the reviewer's verdict over the scan's kind", () => {
    const removed = duplicateRemovals([
      group("near", [val(1), val(2)], "EXACT"),
      group("exact", [val(3), val(4)], "NOT_DUPLICATE"),
      group("exact", [val(5), val(6)], "AUGMENTATION"),
      group("imported", [val(8), train(9)], "EXACT"),
    ]);
    expect(sorted(removed.val)).toEqual([2]);
    expect(sorted(removed.cross)).toEqual([8]);
    expect(sorted(removed.all)).toEqual([2, 6, 8]);
  });

  it("leaves validation alone for groups with no val member", () => {
    const removed = duplicateRemovals([group("exact", [train(1), train(2)])]);
    expect(removed.all.size + removed.valCross.size).toBe(0);
  });
});
