import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportError } from "../import-error";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

/** The published source files: RELABEL_SHARED_DATA, else ../shared/data beside the repo. */
export function sharedDataDir(): string {
  return path.resolve(REPO_ROOT, process.env.RELABEL_SHARED_DATA ?? "../shared/data");
}

export interface SharedData {
  text(relative: string): string;
  bytes(relative: string): Buffer;
  json(relative: string): unknown;
}

/**
 * Conformance tests against the real files. Every test runs: without the data folder the suite
 * fails with a message saying where to point RELABEL_SHARED_DATA (a skipped conformance suite
 * would look green).
 */
export function describeWithSharedData(name: string, body: (data: SharedData) => void): void {
  const dir = sharedDataDir();
  const data: SharedData = {
    text: (relative) => readFileSync(path.join(dir, relative), "utf8"),
    bytes: (relative) => readFileSync(path.join(dir, relative)),
    json: (relative) => JSON.parse(readFileSync(path.join(dir, relative), "utf8")) as unknown,
  };
  if (existsSync(dir)) {
    describe(name, () => body(data));
    return;
  }
  // The body is not collected: it may read files at describe time.
  describe(name, () => {
    it("needs the shared data folder", () => {
      throw new Error(`Shared data not found at ${dir}; set RELABEL_SHARED_DATA to the folder of published files.`);
    });
  });
}

/** Runs fn and returns the ImportError it must throw. */
export function importErrorOf(fn: () => unknown): ImportError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw new Error(`Expected an ImportError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  throw new Error("Expected an ImportError, but the parser succeeded");
}

export function expectImportError(
  fn: () => unknown,
  expected: { file: string; where?: string | RegExp | null; problem: RegExp },
): ImportError {
  const error = importErrorOf(fn);
  expect(error.file).toBe(expected.file);
  if (expected.where === null) expect(error.where).toBeNull();
  else if (typeof expected.where === "string") expect(error.where).toBe(expected.where);
  else if (expected.where) expect(error.where).toMatch(expected.where);
  expect(error.problem).toMatch(expected.problem);
  // The problem is a sentence an admin can read.
  expect(error.problem).toMatch(/[.!?]$/);
  return error;
}

/** Either a result or an ImportError: any other throw is a parser bug. */
export function parsesOrImportError(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof ImportError) return false;
    throw error;
  }
}

/** Inputs derived from a valid sample: truncated, with a span replaced, or with bytes flipped. */
export function mutatedText(sample: string): fc.Arbitrary<string> {
  const n = sample.length;
  return fc.oneof(
    fc.nat(n).map((end) => sample.slice(0, end)),
    fc.tuple(fc.nat(n), fc.nat(8), fc.string({ maxLength: 8 })).map(([at, cut, insert]) => sample.slice(0, at) + insert + sample.slice(at + cut)),
    fc.tuple(fc.nat(n), fc.constantFrom(",", '"', "'", "[", "]", "{", "}", "\n", ":", "#", "\\", "-", "9", "x", " ")).map(
      ([at, ch]) => sample.slice(0, at) + ch + sample.slice(at + 1),
    ),
    fc.string({ maxLength: 40 }),
  );
}

export function mutatedBytes(sample: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = sample.length;
  return fc.oneof(
    fc.nat(n).map((end) => sample.slice(0, end)),
    fc.tuple(fc.nat(Math.max(0, n - 1)), fc.integer({ min: 0, max: 255 })).map(([at, value]) => {
      const copy = sample.slice();
      copy[at] = value;
      return copy;
    }),
    fc.uint8Array({ maxLength: 200 }),
  );
}

/** Property: every mutation of the sample parses or fails with an ImportError. */
export function fuzzText(sample: string, parse: (text: string) => unknown, numRuns = 300): void {
  fc.assert(fc.property(mutatedText(sample), (text) => { parsesOrImportError(() => parse(text)); }), { numRuns });
}

export function fuzzBytes(sample: Uint8Array, parse: (bytes: Uint8Array) => unknown, numRuns = 300): void {
  fc.assert(fc.property(mutatedBytes(sample), (bytes) => { parsesOrImportError(() => parse(bytes)); }), { numRuns });
}

export function fixture(name: string): Buffer {
  return readFileSync(path.join(import.meta.dirname, "../fixtures", name));
}

/** A tiny wnid table: class i ↔ n0000000i-style wnids, sorted like the real list. */
export function fakeWnids(count = 1000): Map<string, number> {
  return new Map(Array.from({ length: count }, (_, i) => [`n${String(10_000_000 + i).padStart(8, "0")}`, i]));
}

/** A v1 .npy built by hand, for cases NumPy would not write. */
export function makeNpy(header: string, data: Uint8Array): Uint8Array {
  const unpadded = 10 + header.length + 1;
  const padded = Math.ceil(unpadded / 64) * 64;
  const text = header + " ".repeat(padded - unpadded) + "\n";
  const out = new Uint8Array(10 + text.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, text.length, true);
  out.set(new TextEncoder().encode(text), 10);
  out.set(data, 10 + text.length);
  return out;
}
