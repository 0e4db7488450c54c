/**
 * A tiny reader for the Python literals these datasets were dumped with (a list body of class
 * names, `{'given': 5, ...}` dict reprs). It never evaluates anything: it tokenizes strings,
 * numbers, True/False/None and punctuation, and rejects everything else.
 */
import { excerpt } from "../import-error";

export type PythonValue = string | number | boolean | null | PythonValue[] | { [key: string]: PythonValue };

export interface Token {
  kind: "string" | "number" | "name" | "punct";
  text: string;
  /** Decoded value for strings. */
  value: string;
  /** 0-based offset of the token's first character. */
  offset: number;
}

export class LiteralSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "LiteralSyntaxError";
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", f: "\f", v: "\v", "0": "\0",
};

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\ufeff") {
      i++;
    } else if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (ch === "'" || ch === '"') {
      const end = readString(source, i, tokens);
      i = end;
    } else if ("{}[](),:".includes(ch)) {
      tokens.push({ kind: "punct", text: ch, value: ch, offset: i });
      i++;
    } else if (/[-+0-9.]/.test(ch)) {
      const match = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(source.slice(i, i + 64));
      if (!match) throw new LiteralSyntaxError(`Unexpected character ${JSON.stringify(ch)}`, i);
      tokens.push({ kind: "number", text: match[0], value: match[0], offset: i });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 64))!;
      if (/^[rRbBuUfF]{1,2}$/.test(match[0]) && (source[i + match[0].length] === "'" || source[i + match[0].length] === '"')) {
        throw new LiteralSyntaxError(`String prefix ${match[0]} is not supported`, i);
      }
      tokens.push({ kind: "name", text: match[0], value: match[0], offset: i });
      i += match[0].length;
    } else {
      throw new LiteralSyntaxError(`Unexpected character ${JSON.stringify(ch)}`, i);
    }
  }
  return tokens;
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start]!;
  if (source.startsWith(quote.repeat(3), start)) {
    throw new LiteralSyntaxError("Triple-quoted strings are not supported", start);
  }
  let value = "";
  let i = start + 1;
  while (true) {
    if (i >= source.length) throw new LiteralSyntaxError("A string is not closed before the end of the file", start);
    const ch = source[i]!;
    if (ch === quote) break;
    if (ch === "\n") throw new LiteralSyntaxError("A string is not closed before the end of its line", start);
    if (ch !== "\\") {
      value += ch;
      i++;
      continue;
    }
    const next = source[i + 1];
    if (next === undefined) throw new LiteralSyntaxError("A string ends with a lone backslash", i);
    if (next === "\n") {
      i += 2;
    } else if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      i += 2;
    } else if (next === "x" || next === "u" || next === "U") {
      const width = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = source.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        throw new LiteralSyntaxError(`Bad \\${next} escape`, i);
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new LiteralSyntaxError(`Bad \\${next} escape`, i);
      value += String.fromCodePoint(code);
      i += 2 + width;
    } else {
      // Python keeps unknown escapes verbatim (backslash included).
      value += `\\${next}`;
      i += 2;
    }
  }
  tokens.push({ kind: "string", text: source.slice(start, i + 1), value, offset: start });
  return i + 1;
}

/** Parses one complete literal (dict, list, tuple, string, number, True/False/None). */
export function parsePythonLiteral(source: string): PythonValue {
  const tokens = tokenize(source);
  const state = { pos: 0 };
  const value = parseValue(tokens, state, source.length);
  const extra = tokens[state.pos];
  if (extra) throw new LiteralSyntaxError(`Unexpected ${excerpt(extra.text)} after the value`, extra.offset);
  return value;
}

function parseValue(tokens: Token[], state: { pos: number }, end: number): PythonValue {
  const token = tokens[state.pos];
  if (!token) throw new LiteralSyntaxError("The value ends too early", end);
  state.pos++;
  if (token.kind === "string") {
    const next = tokens[state.pos];
    if (next?.kind === "string") {
      throw new LiteralSyntaxError("Two strings follow each other without a comma (Python would join them)", next.offset);
    }
    return token.value;
  }
  if (token.kind === "number") return Number(token.text);
  if (token.kind === "name") {
    if (token.text === "True") return true;
    if (token.text === "False") return false;
    if (token.text === "None") return null;
    throw new LiteralSyntaxError(`Unexpected name ${excerpt(token.text)}`, token.offset);
  }
  if (token.text === "[" || token.text === "(") {
    const close = token.text === "[" ? "]" : ")";
    const items: PythonValue[] = [];
    while (tokens[state.pos]?.text !== close || tokens[state.pos]?.kind !== "punct") {
      items.push(parseValue(tokens, state, end));
      if (!expectSeparator(tokens, state, close, end)) break;
    }
    state.pos++;
    return items;
  }
  if (token.text === "{") {
    // A null prototype so a "__proto__" key is data, not a prototype change.
    const dict: { [key: string]: PythonValue } = Object.create(null) as { [key: string]: PythonValue };
    while (!(tokens[state.pos]?.kind === "punct" && tokens[state.pos]?.text === "}")) {
      const key = tokens[state.pos];
      if (!key) throw new LiteralSyntaxError("The dict ends too early", end);
      if (key.kind !== "string" && key.kind !== "number") throw new LiteralSyntaxError(`Unexpected ${excerpt(key.text)} as a dict key`, key.offset);
      state.pos++;
      const colon = tokens[state.pos];
      if (colon?.text !== ":" || colon.kind !== "punct") throw new LiteralSyntaxError("Expected ':' after a dict key", colon?.offset ?? end);
      state.pos++;
      const name = key.kind === "string" ? key.value : key.text;
      if (Object.hasOwn(dict, name)) throw new LiteralSyntaxError(`Key ${excerpt(name)} appears twice`, key.offset);
      dict[name] = parseValue(tokens, state, end);
      if (!expectSeparator(tokens, state, "}", end)) break;
    }
    state.pos++;
    return dict;
  }
  throw new LiteralSyntaxError(`Unexpected ${excerpt(token.text)}`, token.offset);
}

/** Consumes a comma (true: more may follow) or sees the closer (false). */
function expectSeparator(tokens: Token[], state: { pos: number }, close: string, end: number): boolean {
  const token = tokens[state.pos];
  if (!token) throw new LiteralSyntaxError(`Expected ',' or '${close}' but the text ends`, end);
  if (token.kind === "punct" && token.text === ",") {
    state.pos++;
    return true;
  }
  if (token.kind === "punct" && token.text === close) return false;
  throw new LiteralSyntaxError(`Expected ',' or '${close}', found ${excerpt(token.text)}`, token.offset);
}
