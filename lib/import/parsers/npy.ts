import { unzipSync } from "fflate";
import { ImportError } from "../import-error";
import { isPlainObject } from "./json-input";
import { LiteralSyntaxError, parsePythonLiteral } from "./python-literal";

/**
 * A strict NPY reader. npyjs (installed) was evaluated and not used: it reads the header with
 * regexes, ignores byte order, throws bare Errors, builds Unicode arrays with one
 * String.fromCodePoint(...all) call (a stack overflow on ReaL's 41 MB `info.npy`) and needs
 * aligned ArrayBuffers, which Node Buffers from a pool are not.
 * Here the header dict goes through the Python-literal reader and values through a DataView.
 */

export type NpyKind = "int" | "uint" | "float" | "bool" | "unicode" | "bytes";

export interface NpyArray {
  descr: string;
  kind: NpyKind;
  itemSize: number;
  shape: number[];
  /** Number of elements (product of the shape). */
  size: number;
  /** Element i (C order) of a numeric or bool array. Int64 beyond 2^53 is rejected. */
  number(i: number): number;
  /** Element i of a `<U` / `|S` array, trailing NULs removed. */
  string(i: number): string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export function readNpy(input: Uint8Array, file: string): NpyArray {
  const bytes = input;
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ImportError(file, "header", "This is not a NumPy .npy file (the \\x93NUMPY signature is missing).");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw new ImportError(file, "header", `Unsupported .npy format version ${major}.${bytes[7]}.`);
  const lengthSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthSize) throw new ImportError(file, "header", "The .npy header is truncated.");
  const headerLength = lengthSize === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lengthSize + headerLength;
  if (dataOffset > bytes.length) throw new ImportError(file, "header", "The .npy header is truncated.");
  const headerText = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(8 + lengthSize, dataOffset));
  const { descr, fortranOrder, shape } = readHeaderDict(headerText, file);
  if (fortranOrder && shape.length > 1) {
    throw new ImportError(file, "header", "Fortran-ordered arrays are not supported; save the array in C order (np.ascontiguousarray).");
  }
  const { kind, itemSize, littleEndian } = parseDescr(descr, file);
  const size = shape.reduce((a, b) => a * b, 1);
  const expected = size * itemSize;
  const available = bytes.length - dataOffset;
  if (available !== expected) {
    throw new ImportError(
      file,
      "data",
      `The header promises shape (${shape.join(", ")}) of ${descr} = ${expected} bytes, but the file holds ${available}${available < expected ? "; it looks truncated" : ""}.`,
    );
  }
  const data = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, expected);
  return {
    descr,
    kind,
    itemSize,
    shape,
    size,
    number: numberReader(data, kind, itemSize, littleEndian, file),
    string: stringReader(data, kind, itemSize, littleEndian, file),
  };
}

function readHeaderDict(text: string, file: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  let header: unknown;
  try {
    header = parsePythonLiteral(text);
  } catch (error) {
    if (error instanceof LiteralSyntaxError) throw new ImportError(file, "header", `The .npy header is not a readable dict: ${error.message}.`);
    throw error;
  }
  if (!isPlainObject(header)) throw new ImportError(file, "header", "The .npy header is not a dict.");
  const { descr, fortran_order: fortranOrder, shape } = header;
  if (typeof descr !== "string") {
    throw new ImportError(file, "header", "Structured (record) dtypes are not supported; expected a plain dtype such as '<i8'.");
  }
  if (typeof fortranOrder !== "boolean") throw new ImportError(file, "header", "The .npy header has no fortran_order flag.");
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === "number" && Number.isInteger(d) && d >= 0)) {
    throw new ImportError(file, "header", "The .npy header has no valid shape tuple.");
  }
  return { descr, fortranOrder, shape: shape as number[] };
}

function parseDescr(descr: string, file: string): { kind: NpyKind; itemSize: number; littleEndian: boolean } {
  if (/^[<>|=]?O/.test(descr)) {
    throw new ImportError(file, "header", `Unsupported dtype ${descr}: object arrays are Python pickles and are never loaded.`);
  }
  const match = /^([<>|=])([iufbUS])(\d+)$/.exec(descr);
  if (!match) throw new ImportError(file, "header", `Unsupported dtype ${descr}: only plain integer, float, bool and string arrays can be read.`);
  const [, order, code, width] = match as unknown as [string, string, string, string];
  const n = Number(width);
  const littleEndian = order !== ">";
  const kinds: Record<string, NpyKind> = { i: "int", u: "uint", f: "float", b: "bool", U: "unicode", S: "bytes" };
  const kind = kinds[code]!;
  const itemSize = kind === "unicode" ? n * 4 : n;
  const valid =
    kind === "int" || kind === "uint"
      ? [1, 2, 4, 8].includes(n)
      : kind === "float"
        ? [4, 8].includes(n)
        : kind === "bool"
          ? n === 1
          : n >= 1;
  if (!valid) throw new ImportError(file, "header", `Unsupported dtype ${descr}.`);
  return { kind, itemSize, littleEndian };
}

function numberReader(data: DataView, kind: NpyKind, itemSize: number, le: boolean, file: string): (i: number) => number {
  const at = (i: number) => i * itemSize;
  const notNumeric = () => {
    throw new ImportError(file, "data", `The array holds ${kind === "unicode" ? "Unicode" : "byte"} strings, not numbers.`);
  };
  const key = `${kind}${itemSize}`;
  switch (key) {
    case "int1": return (i) => data.getInt8(at(i));
    case "int2": return (i) => data.getInt16(at(i), le);
    case "int4": return (i) => data.getInt32(at(i), le);
    case "int8": return (i) => int64(data, at(i), le, true, i, file);
    case "uint1":
    case "bool1": return (i) => data.getUint8(at(i));
    case "uint2": return (i) => data.getUint16(at(i), le);
    case "uint4": return (i) => data.getUint32(at(i), le);
    case "uint8": return (i) => int64(data, at(i), le, false, i, file);
    case "float4": return (i) => data.getFloat32(at(i), le);
    case "float8": return (i) => data.getFloat64(at(i), le);
    default: return notNumeric;
  }
}

/**
 * A 64-bit integer from its two 32-bit halves: a BigInt per element was most of the time of
 * reading ImageNetV2's <i8 arrays. A high half within ±2^21 is what keeps the value within
 * Number's safe integers (as MIN_SAFE_INTEGER = -(2^53 - 1), -2^53 itself is refused too).
 */
function int64(data: DataView, offset: number, le: boolean, signed: boolean, i: number, file: string): number {
  const low = data.getUint32(le ? offset : offset + 4, le);
  const high = signed ? data.getInt32(le ? offset + 4 : offset, le) : data.getUint32(le ? offset + 4 : offset, le);
  const value = high * 2 ** 32 + low;
  if (!Number.isSafeInteger(value)) {
    const exact = signed ? data.getBigInt64(offset, le) : data.getBigUint64(offset, le);
    throw new ImportError(file, `element ${i}`, `The value ${exact} is too large to be an index.`);
  }
  return value;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The UTF-32 data as 32-bit code points: a view when aligned and in host order, else a copy. */
function codePoints(data: DataView, le: boolean): Uint32Array {
  if (le === HOST_LITTLE_ENDIAN && data.byteOffset % 4 === 0) {
    return new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  }
  const codes = new Uint32Array(data.byteLength / 4);
  for (let k = 0; k < codes.length; k++) codes[k] = data.getUint32(k * 4, le);
  return codes;
}

function stringReader(data: DataView, kind: NpyKind, itemSize: number, le: boolean, file: string): (i: number) => string {
  if (kind === "unicode") {
    const chars = itemSize / 4;
    const codes = codePoints(data, le);
    return (i) => {
      const start = i * chars;
      let end = start;
      while (end < start + chars && codes[end] !== 0) end++;
      let out = "";
      for (let k = start; k < end; k++) {
        const code = codes[k]!;
        if (code > 0x10ffff) throw new ImportError(file, `element ${i}`, "The string holds an invalid Unicode code point.");
        out += code < 0x10000 ? String.fromCharCode(code) : String.fromCodePoint(code);
      }
      return out;
    };
  }
  if (kind === "bytes") {
    return (i) => {
      const start = i * itemSize;
      let out = "";
      for (let p = start; p < start + itemSize; p++) {
        const code = data.getUint8(p);
        if (code === 0) break;
        out += String.fromCharCode(code);
      }
      return out;
    };
  }
  return () => {
    throw new ImportError(file, "data", `The array holds ${kind} numbers, not strings.`);
  };
}

/**
 * Reads the named arrays of an `.npz` (a zip of `.npy`). Other members are never inflated,
 * and a member larger than maxBytes once decoded is refused rather than exhausting memory
 * (ReaL's `raters.npz` holds a 377 MB tensor).
 */
export function readNpz(
  input: Uint8Array,
  file: string,
  names: readonly string[],
  maxBytes = 128 * 1024 * 1024,
): Map<string, NpyArray> {
  const wanted = new Set(names.map((n) => (n.endsWith(".npy") ? n : `${n}.npy`)));
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(input, {
      filter: (entry) => {
        if (!wanted.has(entry.name)) return false;
        if (entry.originalSize > maxBytes) {
          throw new ImportError(file, entry.name, `${entry.name} is ${entry.originalSize} bytes once decoded, more than the ${maxBytes}-byte limit for reading it whole.`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(file, null, `This is not a readable .npz (zip) archive: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const arrays = new Map<string, NpyArray>();
  for (const name of wanted) {
    const member = members[name];
    if (!member) throw new ImportError(file, null, `The archive has no ${name}.`);
    arrays.set(name.slice(0, -4), readNpy(member, `${file}/${name}`));
  }
  return arrays;
}

/** Fails with a clear message unless the array has the expected kind(s) and dimensionality. */
export function expectArray(array: NpyArray, file: string, kinds: readonly NpyKind[], dims: number): void {
  if (!kinds.includes(array.kind)) {
    throw new ImportError(file, "header", `Expected a ${kinds.join(" or ")} array, found dtype ${array.descr}.`);
  }
  if (array.shape.length !== dims) {
    throw new ImportError(file, "header", `Expected a ${dims}-dimensional array, found shape (${array.shape.join(", ")}).`);
  }
}
