import { describe, expect, it } from "vitest";
import { bandsOf, checkThreshold, findDuplicateGroups, nearPairs, type HashedImage } from "@/lib/duplicates/grouping";

const image = (id: number, phash: bigint, extra: Partial<HashedImage> = {}): HashedImage => ({
  // Mirrors spread by a multiplicative hash of the id, so they match nothing by accident.
  id, phash, phashMirror: (BigInt(id) * 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn, contentHash: null, pixelHash: null, ...extra,
});
/** Flips the given bit positions of a hash. */
const flip = (hash: bigint, ...bits: number[]) => bits.reduce((h, bit) => h ^ (1n << BigInt(bit)), hash);

const BASE = 0x0123456789abcdefn;

describe("bandsOf", () => {
  it("cuts a hash into four 16-bit bands, lowest first", () => {
    expect(bandsOf(0x1111222233334444n)).toEqual([0x4444, 0x3333, 0x2222, 0x1111]);
    expect(bandsOf(-1n)).toEqual([0xffff, 0xffff, 0xffff, 0xffff]);
  });
});

describe("checkThreshold", () => {
  it("accepts 0..64 and names the range otherwise", () => {
    expect(checkThreshold(0)).toBe(0);
    expect(checkThreshold(64)).toBe(64);
    expect(() => checkThreshold(65)).toThrow(/0 to 64; got 65/);
    expect(() => checkThreshold(-1)).toThrow(/0 to 64/);
    expect(() => checkThreshold(2.5)).toThrow(/whole number/);
  });
});

describe("nearPairs", () => {
  it("finds pairs within the threshold that share a band, and verifies the distance", () => {
    const images = [image(1, BASE), image(2, flip(BASE, 0, 1, 2)), image(3, flip(BASE, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))];
    expect(nearPairs(images, 3)).toEqual([{ a: 1, b: 2, distance: 3, mirrored: false }]);
    expect(nearPairs(images, 12).map((p) => [p.a, p.b, p.distance])).toEqual([[1, 2, 3], [1, 3, 12], [2, 3, 9]]);
  });

  it("finds a pair whose differing bits touch every band by probing near band values, as comparing all pairs would", () => {
    const images = [image(1, BASE), image(2, flip(BASE, 0, 1, 16, 17, 32, 33, 48, 49, 50, 51))];
    expect(nearPairs(images, 10)).toEqual([{ a: 1, b: 2, distance: 10, mirrored: false }]);
    // Probing exact band values only (radius 0) is the plain 4-band filter: it misses this pair.
    expect(nearPairs(images, 10, 0)).toEqual([]);
  });

  it("matches a mirrored copy through the mirror hash", () => {
    const mirrorOfOne = 0x7777000011112222n;
    const images = [image(1, BASE, { phashMirror: mirrorOfOne }), image(2, flip(mirrorOfOne, 5))];
    expect(nearPairs(images, 4)).toEqual([{ a: 1, b: 2, distance: 1, mirrored: true }]);
  });
});

describe("findDuplicateGroups", () => {
  it("groups same bytes and same pixels as exact, and chains near pairs into one group", () => {
    const far = 0xfedcba9876543210n;
    const groups = findDuplicateGroups([
      image(1, BASE, { contentHash: "a" }),
      image(2, BASE, { contentHash: "a" }),
      image(3, far, { pixelHash: "p" }),
      image(4, flip(far, 63), { pixelHash: "p" }),
      image(5, flip(BASE, 1, 2)),
      image(6, flip(BASE, 1, 2, 20, 21)),
      image(7, 0x5555aaaa5555aaaan),
    ], 3);
    expect(groups.map((g) => [g.kind, g.members.map((m) => m.imageId)])).toEqual([
      ["exact", [1, 2]],
      ["exact", [3, 4]],
      ["near", [1, 2, 5, 6]],
    ]);
    expect(groups[2]!.members.find((m) => m.imageId === 6)!.distance).toBe(2);
  });

  it("does not repeat an exact group as a near group of its own members", () => {
    const groups = findDuplicateGroups([image(1, BASE, { contentHash: "a" }), image(2, flip(BASE, 4), { contentHash: "a" })], 10);
    expect(groups.map((g) => g.kind)).toEqual(["exact"]);
  });
});
