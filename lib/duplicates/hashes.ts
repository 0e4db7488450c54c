/**
 * Image fingerprints for duplicate search. The hash functions are pure over decoded grey pixels;
 * `fingerprintImage` is the one place that decodes (sharp) and feeds them.
 */
import { createHash } from "node:crypto";
import sharp from "sharp";

export const HASH_BITS = 64;
/** pHash reads the low frequencies of a 32×32 DCT; dHash compares neighbours on a 9×8 grid. */
export const PHASH_SIZE = 32;
export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

export interface Fingerprint {
  /** sha256 of the decoded sRGB pixels and their dimensions, hex: the same picture in another file. */
  pixelHash: string;
  /** Unsigned 64-bit hashes; *Mirror are those of the left-right mirror image. */
  phash: bigint;
  phashMirror: bigint;
  dhash: bigint;
  dhashMirror: bigint;
  width: number;
  height: number;
}

/** Row-major grey values (any scale) of a width×height grid, mirrored left to right. */
export function mirrorGrid(grey: ArrayLike<number>, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = grey[y * width + (width - 1 - x)]!;
  return out;
}

function bitsToBigint(bits: readonly boolean[]): bigint {
  let value = 0n;
  for (const bit of bits) value = (value << 1n) | (bit ? 1n : 0n);
  return value;
}

const cosines = (() => {
  // cosines[u][x] = cos((2x+1)uπ / 2N); only the 8 lowest frequencies are ever read.
  const table: Float64Array[] = [];
  for (let u = 0; u < 8; u++) {
    const row = new Float64Array(PHASH_SIZE);
    for (let x = 0; x < PHASH_SIZE; x++) row[x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * PHASH_SIZE));
    table.push(row);
  }
  return table;
})();

/**
 * DCT pHash of a 32×32 grey grid: the 8×8 lowest-frequency DCT-II coefficients (DC included, as
 * in the common `imagehash` definition), each bit set when its coefficient is above their median.
 * Bit order: row-major over (v, u), most significant first.
 */
export function phashOfGrid(grey: ArrayLike<number>): bigint {
  if (grey.length !== PHASH_SIZE * PHASH_SIZE) throw new Error(`pHash needs ${PHASH_SIZE}×${PHASH_SIZE} values, got ${grey.length}.`);
  // Separable DCT: rows first (32 rows × 8 frequencies), then columns for the 8×8 block.
  const rows = new Float64Array(PHASH_SIZE * 8);
  for (let y = 0; y < PHASH_SIZE; y++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let x = 0; x < PHASH_SIZE; x++) sum += grey[y * PHASH_SIZE + x]! * cosines[u]![x]!;
      rows[y * 8 + u] = sum;
    }
  }
  const coefficients: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < PHASH_SIZE; y++) sum += rows[y * 8 + u]! * cosines[v]![y]!;
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  return bitsToBigint(coefficients.map((c) => c > median));
}

/** Difference hash of a 9×8 grey grid: bit set where a pixel is brighter than its left neighbour. */
export function dhashOfGrid(grey: ArrayLike<number>): bigint {
  if (grey.length !== DHASH_WIDTH * DHASH_HEIGHT) throw new Error(`dHash needs ${DHASH_WIDTH}×${DHASH_HEIGHT} values, got ${grey.length}.`);
  const bits: boolean[] = [];
  for (let y = 0; y < DHASH_HEIGHT; y++) {
    for (let x = 1; x < DHASH_WIDTH; x++) bits.push(grey[y * DHASH_WIDTH + x]! > grey[y * DHASH_WIDTH + x - 1]!);
  }
  return bitsToBigint(bits);
}

const MASK32 = 0xffffffffn;
function popcount32(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Number of differing bits of two 64-bit hashes (signed or unsigned representations alike). */
export function hammingDistance(a: bigint, b: bigint): number {
  const x = BigInt.asUintN(64, a ^ b);
  return popcount32(Number(x & MASK32)) + popcount32(Number(x >> 32n));
}

/** PostgreSQL BIGINT is signed: store the two's complement, read it back unsigned. */
export const toSigned64 = (value: bigint) => BigInt.asIntN(64, value);
export const toUnsigned64 = (value: bigint) => BigInt.asUintN(64, value);
export const hashHex = (value: bigint) => toUnsigned64(value).toString(16).padStart(16, "0");

async function greyGrid(rgb: Buffer, width: number, height: number, w: number, h: number): Promise<Uint8Array> {
  const { data } = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .greyscale()
    .resize(w, h, { fit: "fill", kernel: "lanczos3" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // greyscale() keeps one channel only once the pipeline outputs raw; guard against three anyway.
  if (data.length === w * h) return new Uint8Array(data);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) out[i] = data[i * (data.length / (w * h))]!;
  return out;
}

/**
 * Decodes an image file (any format sharp reads; EXIF orientation applied, alpha dropped) and
 * computes every fingerprint. Throws on a file that cannot be decoded.
 */
export async function fingerprintImage(file: Buffer): Promise<Fingerprint> {
  const { data, info } = await sharp(file, { failOn: "error" }).rotate().removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`Expected 3 colour channels after decoding, got ${info.channels}.`);
  const pixelHash = createHash("sha256").update(`${info.width}x${info.height}:`).update(data).digest("hex");
  const p = await greyGrid(data, info.width, info.height, PHASH_SIZE, PHASH_SIZE);
  const d = await greyGrid(data, info.width, info.height, DHASH_WIDTH, DHASH_HEIGHT);
  return {
    pixelHash,
    phash: phashOfGrid(p),
    phashMirror: phashOfGrid(mirrorGrid(p, PHASH_SIZE, PHASH_SIZE)),
    dhash: dhashOfGrid(d),
    dhashMirror: dhashOfGrid(mirrorGrid(d, DHASH_WIDTH, DHASH_HEIGHT)),
    width: info.width,
    height: info.height,
  };
}
