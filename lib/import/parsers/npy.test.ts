import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { readNpy, readNpz } from "./npy";
import { expectImportError, fixture, fuzzBytes, makeNpy } from "./test-helpers";

describe("readNpy on NumPy-written files", () => {
  it("reads a (4, 5) <i8 array in C order", () => {
    const a = readNpy(fixture("topk-i8-4x5.npy"), "topk.npy");
    expect(a.descr).toBe("<i8");
    expect(a.shape).toEqual([4, 5]);
    expect(Array.from({ length: 5 }, (_, j) => a.number(2 * 5 + j))).toEqual([999, 0, 1, 2, 3]);
  });

  it("reads <u2, big-endian >i4 and a v2 header <f4", () => {
    const u2 = readNpy(fixture("top1-u2-6.npy"), "u2.npy");
    expect(Array.from({ length: u2.size }, (_, i) => u2.number(i))).toEqual([0, 1, 2, 3, 998, 999]);
    const be = readNpy(fixture("big-endian-i4-3.npy"), "be.npy");
    expect([be.number(0), be.number(1), be.number(2)]).toEqual([1, 2, 3]);
    const f4 = readNpy(fixture("v2-header-f4-3.npy"), "f4.npy");
    expect([f4.number(0), f4.number(1), f4.number(2)]).toEqual([0.5, 1.5, 2.5]);
  });

  it("reads <U28 strings, trimming NUL padding and keeping non-BMP characters", () => {
    const a = readNpy(fixture("names-U28-3.npy"), "names.npy");
    expect([a.string(0), a.string(1), a.string(2)]).toEqual(["ILSVRC2012_val_00000001.JPEG", "café", "\u{1F600}x"]);
  });

  it("reads a Node Buffer that does not start at offset 0 of its ArrayBuffer", () => {
    const bytes = fixture("topk-i8-4x5.npy");
    const pooled = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    expect(readNpy(pooled, "x.npy").number(19)).toBe(5);
  });

  it("rejects Fortran order, object (pickle) and structured dtypes", () => {
    expectImportError(() => readNpy(fixture("fortran-i8-2x3.npy"), "f.npy"), { file: "f.npy", where: "header", problem: /Fortran-ordered/ });
    expectImportError(() => readNpy(fixture("object-pickle.npy"), "o.npy"), { file: "o.npy", where: "header", problem: /object arrays are Python pickles/ });
    expectImportError(() => readNpy(fixture("structured.npy"), "s.npy"), { file: "s.npy", where: "header", problem: /Structured/ });
  });

  it("rejects a file that is not NPY, a truncated file and extra bytes", () => {
    expectImportError(() => readNpy(new TextEncoder().encode("hello world"), "x.npy"), { file: "x.npy", where: "header", problem: /not a NumPy/ });
    const bytes = fixture("topk-i8-4x5.npy");
    expectImportError(() => readNpy(bytes.subarray(0, bytes.length - 8), "t.npy"), { file: "t.npy", where: "data", problem: /160 bytes, but the file holds 152; it looks truncated/ });
    expectImportError(() => readNpy(bytes.subarray(0, 40), "t.npy"), { file: "t.npy", where: "header", problem: /truncated/ });
    expectImportError(() => readNpy(Buffer.concat([bytes, Buffer.from([0])]), "t.npy"), { file: "t.npy", where: "data", problem: /holds 161/ });
  });

  it("rejects a header that is not a dict, and int64 values beyond 2^53", () => {
    expectImportError(() => readNpy(makeNpy("{'descr': '<i8', 'shape': (1,), ", new Uint8Array(8)), "h.npy"), {
      file: "h.npy",
      where: "header",
      problem: /not a readable dict/,
    });
    const big = new Uint8Array(8);
    new DataView(big.buffer).setBigInt64(0, 2n ** 60n, true);
    const a = readNpy(makeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", big), "b.npy");
    expectImportError(() => a.number(0), { file: "b.npy", where: "element 0", problem: /too large/ });
  });

  it("reads 64-bit integers of either sign and byte order up to the safe-integer limits", () => {
    const values = [0n, -1n, 999n, -(2n ** 40n) - 7n, 2n ** 53n - 1n, -(2n ** 53n) + 1n];
    for (const [descr, le] of [["<i8", true], [">i8", false]] as const) {
      const data = new Uint8Array(8 * values.length);
      values.forEach((value, i) => new DataView(data.buffer).setBigInt64(8 * i, value, le));
      const a = readNpy(makeNpy(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${values.length},), }`, data), "i8.npy");
      expect(values.map((_, i) => a.number(i))).toEqual(values.map(Number));
    }
    const unsigned = new Uint8Array(16);
    new DataView(unsigned.buffer).setBigUint64(0, 2n ** 53n - 1n, true);
    new DataView(unsigned.buffer).setBigUint64(8, 2n ** 53n, true);
    const u = readNpy(makeNpy("{'descr': '<u8', 'fortran_order': False, 'shape': (2,), }", unsigned), "u8.npy");
    expect(u.number(0)).toBe(Number.MAX_SAFE_INTEGER);
    expectImportError(() => u.number(1), { file: "u8.npy", where: "element 1", problem: /9007199254740992 is too large/ });
    const low = new Uint8Array(8);
    new DataView(low.buffer).setBigInt64(0, -(2n ** 53n), true);
    expectImportError(() => readNpy(makeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", low), "l.npy").number(0), { file: "l.npy", where: "element 0", problem: /too large/ });
  });

  it("never fails with anything but an ImportError on damaged input", () => {
    fuzzBytes(fixture("topk-i8-4x5.npy"), (bytes) => {
      const a = readNpy(bytes, "fuzz.npy");
      for (let i = 0; i < Math.min(a.size, 50); i++) {
        if (a.kind === "unicode" || a.kind === "bytes") a.string(i);
        else a.number(i);
      }
    });
  });
});

describe("readNpz", () => {
  it("reads named members of stored and deflated archives", () => {
    const stored = readNpz(fixture("real-scores-small.npz"), "s.npz", ["tensor", "info"]);
    expect(stored.get("tensor")!.shape).toEqual([5]);
    expect(stored.get("info")!.string(1)).toBe("970");
    const deflated = readNpz(fixture("real-scores-compressed.npz"), "c.npz", ["info"]);
    expect(deflated.get("info")!.string(0)).toBe("ILSVRC2012_val_00000003.JPEG");
  });

  it("names a missing member, refuses oversized members and non-zip input", () => {
    expectImportError(() => readNpz(fixture("real-scores-small.npz"), "s.npz", ["ids"]), { file: "s.npz", where: null, problem: /no ids\.npy/ });
    expectImportError(() => readNpz(fixture("real-scores-small.npz"), "s.npz", ["info"], 100), {
      file: "s.npz",
      where: "info.npy",
      problem: /more than the 100-byte limit/,
    });
    expectImportError(() => readNpz(new Uint8Array([1, 2, 3, 4]), "x.npz", ["a"]), { file: "x.npz", where: null, problem: /not a readable \.npz/ });
  });

  it("reports errors inside a member with the member's name", () => {
    const archive = zipSync({ "tensor.npy": new TextEncoder().encode("not npy") });
    expectImportError(() => readNpz(archive, "z.npz", ["tensor"]), { file: "z.npz/tensor.npy", where: "header", problem: /not a NumPy/ });
  });

  it("never fails with anything but an ImportError on damaged archives", () => {
    fuzzBytes(fixture("real-scores-compressed.npz"), (bytes) => {
      const arrays = readNpz(bytes, "fuzz.npz", ["tensor", "info"]);
      arrays.get("info")?.string(0);
    }, 200);
  });
});
