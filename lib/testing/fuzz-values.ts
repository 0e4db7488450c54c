import fc from "fast-check";

/**
 * Inputs an attacker or an accident sends, shared by the fuzz suites (server actions, importers).
 * One fixed seed, printed by fast-check on failure with the shrunk counterexample, so every failure
 * can be replayed; runs are few per property to keep the suites within seconds.
 */
export const FUZZ_SEED = 20261201;
export const fuzzParameters = (numRuns: number) => ({ seed: FUZZ_SEED, numRuns, endOnFailure: true });

/** Text that PostgreSQL or Unicode handling trips over: NUL and other controls, lone surrogates, RTL overrides, combining marks, look-alikes. */
export const NASTY_TEXTS = [
  "\u0000",
  "a\u0000b",
  "\u0007bell",
  "\ud800",
  "x\udfffy",
  "\u202egnp.exe",
  "\u200f\u200e",
  "e\u0301\u0301\u0301",
  "ｄｏｍｅｓｔｉｃ ferret",
  "раураl",
  "\ufeff",
  "\u2028\u2029",
  "😀",
  "'; DROP TABLE users; --",
  "../../.relabel/auth-secret",
  "=HYPERLINK(\"http://x\")",
  "",
  " ",
] as const;

export const nastyText = fc.oneof(
  fc.constantFrom(...NASTY_TEXTS),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.tuple(fc.constantFrom(...NASTY_TEXTS), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
  fc.constantFrom(1, 5_000, 70_000).map((n) => "x".repeat(n)),
);

/** Numbers out of every range: negative, fractional, huge, not finite, past int4. */
export const nastyNumber = fc.oneof(
  fc.constantFrom(-1, 0, 0.5, 1000, 1001, 2_147_483_648, Number.MAX_SAFE_INTEGER, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e300),
  fc.integer(),
  fc.double(),
);

/** Any JSON-ish value of the wrong type, including huge arrays (a 10,000-class label set). */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  nastyNumber,
  fc.constantFrom(null, undefined, true, false, [], {}, [null], { __proto__: { admin: true } }),
  fc.array(nastyNumber, { maxLength: 5 }),
  fc.constantFrom(10_000, 100_001).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), nastyNumber, { maxKeys: 3 }),
);

type Json = Record<string, unknown>;

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, v]) => paths(v, [...prefix, key]))];
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: Json | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Json) };
  (copy as Json)[head!] = setAt((value as Json)[head!], rest, replacement);
  return copy;
}

/**
 * A valid input with one field (at any depth, or the whole input) replaced by a wrong value, an
 * extra unknown key, or a field removed: near misses reach deeper into the schema than random junk.
 */
export function nearMiss(valid: unknown): fc.Arbitrary<unknown> {
  const all = paths(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...all), wrongValue).map(([path, wrong]) => setAt(valid, path, wrong)),
    fc.tuple(fc.constantFrom(...all.filter((p) => p.length > 0)), fc.constant(undefined)).map(([path]) => setAt(valid, path, undefined)),
    fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), wrongValue).map(([key, wrong]) => ({ ...(valid as Json), [key]: wrong })),
  );
}

const EDGE_TEXTS = ["a\u0000b", "x\udfffy", "x".repeat(70_000)];
const EDGE_NUMBERS = [-1, 0.5, 2_147_483_648];

/**
 * Every text and number of a valid input, one at a time, set to each edge value: a sweep that
 * reaches every field, where random near misses may never pick the one field that lacks a check.
 */
export function fieldSweep(valid: unknown): unknown[] {
  return paths(valid).flatMap((path) => {
    const leaf = path.reduce<unknown>((value, key) => (value as Json)[key], valid);
    if (typeof leaf === "string") return EDGE_TEXTS.map((text) => setAt(valid, path, text));
    if (typeof leaf === "number") return EDGE_NUMBERS.map((n) => setAt(valid, path, n));
    if (Array.isArray(leaf)) return [setAt(valid, path, Array.from({ length: 10_000 }, (_, i) => (typeof leaf[0] === "string" ? `label ${i}` : i)))];
    return [];
  });
}
