/**
 * A small, strict reader of the Prisma schema language as prisma/schema.prisma uses it. Prisma's own
 * parser lives in its native schema engine, which cannot be downloaded here (see lib/db/migrate.ts), so
 * lib/db/schema-drift.test.ts relies on this instead; lib/testing/prisma-expected-shape.ts turns what it
 * reads into the tables Prisma would create. Strict on purpose: a construct it does not understand
 * throws, because skipping it silently would let the drift test pass while checking less than it claims.
 */

export type Value =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  /** A bare name (`Cascade`) has args null; a call (`autoincrement()`, `env("X")`) has a list. */
  | { kind: "name"; name: string; args: Arg[] | null }
  | { kind: "array"; items: Value[] };
export interface Arg { name: string | null; value: Value }
/** `name` without its @ or @@: "map", "db.VarChar", "index". */
export interface Attribute { name: string; args: Arg[]; line: number }
export interface Field { name: string; type: string; list: boolean; optional: boolean; attributes: Attribute[]; line: number }
export interface Model { name: string; fields: Field[]; attributes: Attribute[] }
export interface Enum { name: string; values: { name: string; attributes: Attribute[] }[]; attributes: Attribute[] }
export interface ConfigBlock { kind: "generator" | "datasource"; name: string; settings: Record<string, Value> }
export interface PrismaSchema { models: Model[]; enums: Enum[]; configs: ConfigBlock[] }

export class PrismaSchemaError extends Error {
  constructor(line: number, message: string) {
    super(`schema line ${line}: ${message}`);
  }
}

const FIELD_ATTRIBUTES = new Set(["id", "unique", "default", "map", "updatedAt", "relation"]);
const MODEL_ATTRIBUTES = new Set(["id", "unique", "index", "map"]);
const ENUM_ATTRIBUTES = new Set(["map"]);

interface Token { kind: "string" | "name" | "number" | "punct"; text: string }
// `//` and `///` comments run to the end of the line; names may be dotted (`db.VarChar`).
const TOKEN = /\s*(?:(\/\/.*)|("(?:[^"\\]|\\.)*")|([A-Za-z_][\w.]*)|(-?\d+(?:\.\d+)?)|(@@|[@()[\],:=?{}]))/y;

function tokenize(text: string, line: number): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN);
  while (text.slice(re.lastIndex).trim() !== "") {
    const match = re.exec(text);
    if (!match) throw new PrismaSchemaError(line, `cannot read "${text.slice(re.lastIndex).trim()}"`);
    if (match[1] !== undefined) break;
    if (match[2] !== undefined) tokens.push({ kind: "string", text: JSON.parse(match[2]) as string });
    else if (match[3] !== undefined) tokens.push({ kind: "name", text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: "number", text: match[4] });
    else tokens.push({ kind: "punct", text: match[5]! });
  }
  return tokens;
}

/** One line's tokens; every read either succeeds or throws with the line number. */
class Cursor {
  private pos = 0;
  constructor(private readonly tokens: Token[], readonly line: number) {}
  fail(message: string): never {
    throw new PrismaSchemaError(this.line, message);
  }
  done = () => this.pos >= this.tokens.length;
  isPunct = (text: string, ahead = 0) => this.tokens[this.pos + ahead]?.kind === "punct" && this.tokens[this.pos + ahead]?.text === text;
  next = () => this.tokens[this.pos++] ?? this.fail("unexpected end of line");
  accept(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.pos++;
    return true;
  }
  expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected "${text}" but found ${this.done() ? "end of line" : `"${this.tokens[this.pos]!.text}"`}`);
  }
  name(): string {
    const token = this.next();
    return token.kind === "name" ? token.text : this.fail(`expected a name but found "${token.text}"`);
  }
  end(): void {
    if (!this.done()) this.fail(`unexpected "${this.tokens[this.pos]!.text}"`);
  }
}

function readValue(c: Cursor): Value {
  const token = c.next();
  if (token.kind === "string") return { kind: "string", value: token.text };
  if (token.kind === "number") return { kind: "number", value: Number(token.text) };
  if (token.kind === "name") return { kind: "name", name: token.text, args: c.accept("(") ? readArgs(c) : null };
  if (token.text !== "[") c.fail(`unexpected "${token.text}"`);
  const items: Value[] = [];
  if (!c.accept("]")) {
    do items.push(readValue(c));
    while (c.accept(","));
    c.expect("]");
  }
  return { kind: "array", items };
}

/** Reads `a, name: b)` after an opening parenthesis. */
function readArgs(c: Cursor): Arg[] {
  const args: Arg[] = [];
  if (c.accept(")")) return args;
  do {
    const name = c.isPunct(":", 1) ? c.name() : null;
    if (name !== null) c.expect(":");
    args.push({ name, value: readValue(c) });
  } while (c.accept(","));
  c.expect(")");
  return args;
}

function readAttribute(c: Cursor, prefix: "@" | "@@", allowed: Set<string>): Attribute {
  c.expect(prefix);
  const name = c.name();
  // `@db.*` native types are checked against a table of their own in prisma-expected-shape.ts.
  const native = allowed === FIELD_ATTRIBUTES && name.startsWith("db.");
  if (!allowed.has(name) && !native) c.fail(`unsupported attribute ${prefix}${name}`);
  return { name, args: c.accept("(") ? readArgs(c) : [], line: c.line };
}

/** The `@...` attributes that end a field or enum value line. */
function readTrailingAttributes(c: Cursor, allowed: Set<string>): Attribute[] {
  const attributes: Attribute[] = [];
  while (!c.done()) attributes.push(readAttribute(c, "@", allowed));
  return attributes;
}

type Block = { model: Model } | { enum: Enum } | { config: ConfigBlock };

export function readPrismaSchema(text: string): PrismaSchema {
  const schema: PrismaSchema = { models: [], enums: [], configs: [] };
  let block: Block | null = null;
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const c = new Cursor(tokenize(raw, index + 1), index + 1);
    if (c.done()) continue;
    if (block === null) {
      block = openBlock(c, schema);
    } else if (c.accept("}")) {
      c.end();
      block = null;
    } else if ("model" in block) {
      readModelLine(c, block.model);
    } else if ("enum" in block) {
      readEnumLine(c, block.enum);
    } else {
      const key = c.name();
      c.expect("=");
      block.config.settings[key] = readValue(c);
      c.end();
    }
  }
  if (block !== null) throw new PrismaSchemaError(lines.length, "unclosed block at end of file");
  return schema;
}

function openBlock(c: Cursor, schema: PrismaSchema): Block {
  const [keyword, name] = [c.name(), c.name()];
  c.expect("{");
  c.end();
  if ([...schema.models, ...schema.enums].some((other) => other.name === name)) c.fail(`"${name}" is declared twice`);
  if (keyword === "model") {
    const model: Model = { name, fields: [], attributes: [] };
    schema.models.push(model);
    return { model };
  }
  if (keyword === "enum") {
    const value: Enum = { name, values: [], attributes: [] };
    schema.enums.push(value);
    return { enum: value };
  }
  if (keyword !== "generator" && keyword !== "datasource") c.fail(`unsupported block "${keyword}"`);
  const config: ConfigBlock = { kind: keyword, name, settings: {} };
  schema.configs.push(config);
  return { config };
}

function readModelLine(c: Cursor, model: Model): void {
  if (c.isPunct("@@")) {
    model.attributes.push(readAttribute(c, "@@", MODEL_ATTRIBUTES));
    return c.end();
  }
  const name = c.name();
  if (model.fields.some((field) => field.name === name)) c.fail(`field ${model.name}.${name} is declared twice`);
  const type = c.name();
  if (c.isPunct("(")) c.fail(`unsupported type ${type}(...)`);
  const list = c.accept("[");
  if (list) c.expect("]");
  const optional = c.accept("?");
  if (list && optional) c.fail("optional lists are not supported on PostgreSQL");
  model.fields.push({ name, type, list, optional, attributes: readTrailingAttributes(c, FIELD_ATTRIBUTES), line: c.line });
}

function readEnumLine(c: Cursor, value: Enum): void {
  if (c.isPunct("@@")) {
    value.attributes.push(readAttribute(c, "@@", ENUM_ATTRIBUTES));
    return c.end();
  }
  value.values.push({ name: c.name(), attributes: readTrailingAttributes(c, ENUM_ATTRIBUTES) });
}
