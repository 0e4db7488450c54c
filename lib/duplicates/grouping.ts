/**
 * Duplicate groups without comparing all pairs. Exact: same file bytes or same decoded pixels.
 * Near: multi-index hashing — each 64-bit pHash is cut into 4 bands of 16 bits, images that share
 * a band exactly become candidates, and candidates are verified by Hamming distance (against the
 * image and against its mirror). A pair within t bits differs in at most ⌊t/4⌋ bits in one of
 * the bands (pigeonhole), so each band is probed with every value within r = ⌊t/4⌋ bits of it:
 * the result equals comparing all pairs, at 4·Σ C(16, ≤r) lookups per image (137 per band at t = 10).
 */
import { HASH_BITS, hammingDistance } from "@/lib/duplicates/hashes";
import { ExpectedError } from "@/lib/errors";

export const DEFAULT_THRESHOLD = 10;
export const BANDS = 4;
const BAND_BITS = HASH_BITS / BANDS;

export interface HashedImage {
  id: number;
  contentHash: string | null;
  pixelHash: string | null;
  phash: bigint;
  phashMirror: bigint;
}

export interface FoundMember {
  imageId: number;
  /** Smallest distance to another member (0 for exact copies). */
  distance: number;
  mirrored: boolean;
}

export interface FoundGroup {
  kind: "exact" | "near";
  members: FoundMember[];
}

export function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > HASH_BITS) {
    throw new ExpectedError(`The threshold is a whole number of bits from 0 to ${HASH_BITS}; got ${threshold}.`);
  }
  return threshold;
}

export function bandsOf(hash: bigint): number[] {
  const unsigned = BigInt.asUintN(64, hash);
  return Array.from({ length: BANDS }, (_, band) => Number((unsigned >> BigInt(band * BAND_BITS)) & 0xffffn));
}

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: number, b: number) {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
}

export interface NearPair {
  a: number;
  b: number;
  distance: number;
  mirrored: boolean;
}

/** Every 16-bit mask with at most `radius` bits set. */
function probeMasks(radius: number): number[] {
  const masks: number[] = [];
  for (let mask = 0; mask <= 0xffff; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits <= radius) masks.push(mask);
  }
  return masks;
}

/** Pairs within `threshold` bits, each once (a < b), found through (nearly) shared bands. */
export function nearPairs(images: readonly HashedImage[], threshold: number, radius = Math.floor(checkThreshold(threshold) / BANDS)): NearPair[] {
  checkThreshold(threshold);
  const masks = probeMasks(radius);
  const index: Map<number, number[]>[] = Array.from({ length: BANDS }, () => new Map());
  images.forEach((image, position) => {
    bandsOf(image.phash).forEach((value, band) => {
      const bucket = index[band]!.get(value);
      if (bucket) bucket.push(position);
      else index[band]!.set(value, [position]);
    });
  });
  const pairs: NearPair[] = [];
  images.forEach((image, position) => {
    const seen = new Set<number>();
    for (const [probe, mirrored] of [[image.phash, false], [image.phashMirror, true]] as const) {
      bandsOf(probe).forEach((value, band) => {
        for (const mask of masks) {
          for (const other of index[band]!.get(value ^ mask) ?? []) {
            // Each unordered pair is verified from its lower position only; the mirror probe covers a↔mirror(b).
            if (other <= position || seen.has(other)) continue;
            const distance = hammingDistance(probe, images[other]!.phash);
            if (distance <= threshold) {
              seen.add(other);
              pairs.push({ a: image.id, b: images[other]!.id, distance, mirrored });
            }
          }
        }
      });
    }
  });
  return pairs;
}

function components(edges: readonly { a: number; b: number }[]): number[][] {
  const sets = new UnionFind();
  for (const { a, b } of edges) sets.union(a, b);
  const byRoot = new Map<number, number[]>();
  for (const id of new Set(edges.flatMap(({ a, b }) => [a, b]))) {
    const root = sets.find(id);
    byRoot.set(root, [...(byRoot.get(root) ?? []), id]);
  }
  return [...byRoot.values()].map((members) => members.sort((x, y) => x - y)).sort((x, y) => x[0]! - y[0]!);
}

function exactPairs(images: readonly HashedImage[]): { a: number; b: number }[] {
  const first = new Map<string, number>();
  const pairs: { a: number; b: number }[] = [];
  for (const image of images) {
    for (const key of [image.contentHash && `c:${image.contentHash}`, image.pixelHash && `p:${image.pixelHash}`]) {
      if (!key) continue;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, image.id);
      else pairs.push({ a: seen, b: image.id });
    }
  }
  return pairs;
}

/**
 * Exact groups, then near groups: connected components of the near pairs that are not wholly one
 * exact group (an exact group is not reported twice, but a near copy of it joins a near group).
 */
export function findDuplicateGroups(images: readonly HashedImage[], threshold = DEFAULT_THRESHOLD): FoundGroup[] {
  const exact = components(exactPairs(images));
  const exactOf = new Map<number, number>();
  exact.forEach((members, group) => members.forEach((id) => exactOf.set(id, group)));
  const groups: FoundGroup[] = exact.map((members) => ({
    kind: "exact",
    members: members.map((imageId) => ({ imageId, distance: 0, mirrored: false })),
  }));

  const pairs = nearPairs(images, threshold);
  const best = new Map<number, { distance: number; mirrored: boolean }>();
  for (const pair of pairs) {
    for (const id of [pair.a, pair.b]) {
      const known = best.get(id);
      if (!known || pair.distance < known.distance) best.set(id, { distance: pair.distance, mirrored: pair.mirrored });
    }
  }
  for (const members of components(pairs)) {
    const exactGroups = new Set(members.map((id) => exactOf.get(id) ?? `single:${id}`));
    if (exactGroups.size < 2) continue;
    groups.push({ kind: "near", members: members.map((imageId) => ({ imageId, ...best.get(imageId)! })) });
  }
  return groups;
}
