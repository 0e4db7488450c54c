import { ImportError } from "../import-error";

/** "line L, column C" for a 0-based character offset, so admins can open the file at the fault. */
export function describeOffset(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${end - lineStart + 1}`;
}

/**
 * JSON.parse that reports a syntax error as an ImportError with its line and column.
 * V8 names the offset for some errors only, so on failure the text is re-scanned by
 * locateJsonError (the slow path runs only for broken files).
 */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  rejectNul(body, file);
  try {
    return JSON.parse(body);
  } catch {
    const { offset, problem } = locateJsonError(body);
    throw new ImportError(file, describeOffset(body, offset), problem);
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const MAX_DEPTH = 1000;

/** Offset and plain-language description of the first JSON syntax error in text. */
export function locateJsonError(text: string): { offset: number; problem: string } {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message };
  };
  const skip = () => {
    while (i < text.length && WS.has(text.charCodeAt(i))) i++;
  };
  const need = (what: string) => {
    if (i >= text.length) fail("end");
    fail(`Expected ${what}, found ${JSON.stringify(text[i])}`);
  };
  const value = (depth: number): void => {
    if (depth > MAX_DEPTH) fail("The JSON is nested too deeply");
    skip();
    const ch = text[i];
    if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      i++;
      skip();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === "}") {
          skip();
          if (text[i] !== '"') need("a double-quoted property name");
          string();
          skip();
          if (text[i] !== ":") need("':' after a property name");
          i++;
        }
        value(depth + 1);
        skip();
        if (text[i] === ",") {
          i++;
          skip();
          if (text[i] === close) fail(`A trailing comma before '${close}' is not allowed in JSON`);
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        need(`',' or '${close}'`);
      }
    }
    if (ch === '"') return string();
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (literal) {
      i += literal[0].length;
      return;
    }
    need("a value");
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail("end");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail("A string contains a raw control character (line break or tab)");
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === undefined || (e === "u" && i + 6 > text.length)) fail("end");
        else fail("Invalid escape in a string");
      } else i++;
    }
  };
  try {
    value(0);
    skip();
    if (i < text.length) fail(`Unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
    return { offset: 0, problem: "The file is not valid JSON." };
  } catch (error) {
    if (error instanceof Error) return { offset: i, problem: "The file is not valid JSON." };
    const { offset, message } = error as { offset: number; message: string };
    if (message === "end") return { offset: text.length, problem: "The JSON ends too early; the file looks truncated." };
    return { offset, problem: `The file is not valid JSON: ${message}.` };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of an unexpected value for an error message. */
export function preview(value: unknown): string {
  let shown: string;
  try {
    shown = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return shown.length > 40 ? `${shown.slice(0, 37)}...` : shown;
}

/**
 * JSON.parse silently keeps the last of two equal keys. Files keyed by image name are checked
 * on the raw text instead, so a repeated image is reported with both places.
 */
export function assertUniqueImageKeys(text: string, file: string): void {
  const firstSeen = new Map<string, number>();
  for (const match of text.matchAll(/"([^"\\]*ILSVRC2012_val_\d{8}\.JPEG)"\s*:/g)) {
    const name = match[1]!;
    const earlier = firstSeen.get(name);
    if (earlier !== undefined) {
      const here = describeOffset(text, match.index);
      throw new ImportError(file, here, `Image ${name} appears twice: at ${describeOffset(text, earlier)} and at ${here}.`);
    }
    firstSeen.set(name, match.index);
  }
}

/**
 * PostgreSQL text cannot hold U+0000; refuse it here, with its position, rather than let the
 * database fail the whole import with an encoding error that names no file.
 */
export function rejectNul(text: string, file: string): void {
  const raw = text.indexOf("\0");
  const escaped = text.search(/\\u0000/i);
  const offset = raw === -1 ? escaped : escaped === -1 ? raw : Math.min(raw, escaped);
  if (offset !== -1) throw new ImportError(file, describeOffset(text, offset), "The text contains a NUL character (U+0000), which cannot be stored.");
}
