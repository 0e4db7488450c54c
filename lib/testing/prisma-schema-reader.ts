/**
 * A small, strict reader of the Prisma schema language as prisma/schema.prisma uses it, plus the
 * PostgreSQL shape Prisma would create from it. Prisma's own parser lives in its native schema
 * engine, which cannot be downloaded here (see lib/db/migrate.ts), so lib/db/schema-drift.test.ts
 * relies on this instead. Strict on purpose: a construct it does not understand throws, because
 * skipping it silently would let the drift test pass while checking less than it claims.
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

// ───────────────────────────── reading ─────────────────────────────

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
  // `@db.*` native types are checked against a table of their own when the shape is derived.
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

// ───────────────────────── the PostgreSQL shape Prisma creates ─────────────────────────

/** `type` is spelled the way pg_catalog.format_type() prints it, so it compares to the database's directly. */
export interface ColumnShape { type: string; nullable: boolean }
export interface IndexShape { name: string; columns: string[]; unique: boolean; method: string; predicate: string | null }
export interface ForeignKeyShape {
  name: string; columns: string[]; referencedTable: string; referencedColumns: string[]; onDelete: string; onUpdate: string;
}
export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Every index but the primary key's: Prisma makes @unique/@@unique unique indexes, not constraints. */
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}
export interface DatabaseShape { tables: Record<string, TableShape>; enums: Record<string, string[]> }

const SCALAR_TYPES = new Map([
  ["Int", "integer"], ["BigInt", "bigint"], ["String", "text"], ["Boolean", "boolean"], ["Float", "double precision"],
  ["DateTime", "timestamp(3) without time zone"], ["Json", "jsonb"], ["Decimal", "numeric(65,30)"], ["Bytes", "bytea"],
]);
// Native types by their lower-cased @db name, for the argument count given; "$1", "$2" stand for the arguments.
// Parameterised types must spell their arguments out: Prisma's defaults for them are not modelled here.
const NATIVE_TYPES = new Map([
  ...["text", "uuid", "xml", "inet", "citext", "smallint", "integer", "bigint", "real", "boolean", "date", "json", "jsonb", "bytea"]
    .map((type) => [`${type}/0`, type] as const),
  ["doubleprecision/0", "double precision"], ["varchar/1", "character varying($1)"], ["char/1", "character($1)"],
  ["timestamp/1", "timestamp($1) without time zone"], ["timestamptz/1", "timestamp($1) with time zone"],
  ["time/1", "time($1) without time zone"], ["timetz/1", "time($1) with time zone"], ["decimal/2", "numeric($1,$2)"],
]);
const REFERENTIAL_ACTIONS = new Map([
  ["Cascade", "CASCADE"], ["Restrict", "RESTRICT"], ["NoAction", "NO ACTION"], ["SetNull", "SET NULL"], ["SetDefault", "SET DEFAULT"],
]);
const INDEX_METHODS = new Set(["BTree", "Hash", "Gist", "Gin", "SpGist", "Brin"]);

function fail(attr: Attribute, message: string): never {
  throw new PrismaSchemaError(attr.line, `@${attr.name}: ${message}`);
}

/** An attribute's arguments by name ("" for a leading unnamed one); throws on any name not allowed. */
function argsOf(attr: Attribute, allowed: string[]): Map<string, Value> {
  const args = new Map<string, Value>();
  attr.args.forEach((arg, index) => {
    const key = arg.name ?? (index === 0 ? "" : `#${index + 1}`);
    if (!allowed.includes(key)) fail(attr, `unsupported argument ${key || "#1"}`);
    args.set(key, arg.value);
  });
  return args;
}

function asString(attr: Attribute, value: Value | undefined): string | null {
  if (value === undefined) return null;
  return value.kind === "string" ? value.value : fail(attr, "expected a string");
}

function asName(attr: Attribute, value: Value | undefined): string | null {
  if (value === undefined) return null;
  return value.kind === "name" && value.args === null ? value.name : fail(attr, "expected a bare name");
}

function asNames(attr: Attribute, value: Value | undefined): string[] {
  return value?.kind === "array" ? value.items.map((item) => asName(attr, item)!) : fail(attr, "expected a list of fields");
}

/** The database name: the `@map`/`@@map` argument, else the Prisma name. */
function mappedName(attributes: Attribute[], name: string): string {
  const map = attributes.find((attr) => attr.name === "map");
  return map ? asString(map, argsOf(map, [""]).get("")) ?? fail(map, "expected a name") : name;
}

/** Prisma's default constraint/index name; past 63 bytes PostgreSQL and Prisma would each shorten it. */
function defaultName(attr: Attribute, parts: string[]): string {
  const name = parts.join("_");
  return name.length <= 63 ? name : fail(attr, `default name ${name} is over 63 bytes; give it map: "..."`);
}

/** How format_type() prints an enum's name: quoted unless it is a plain lower-case identifier. */
const quoteIdent = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

function columnType(field: Field, enumTypes: Map<string, string>): string {
  const enumType = enumTypes.get(field.type);
  let type = enumType === undefined ? SCALAR_TYPES.get(field.type) : quoteIdent(enumType);
  if (type === undefined) throw new PrismaSchemaError(field.line, `unknown type ${field.type}`);
  const natives = field.attributes.filter((attr) => attr.name.startsWith("db."));
  for (const native of natives) {
    const args = native.args.map((arg) => (arg.name === null && arg.value.kind === "number" ? arg.value.value : NaN));
    const template = NATIVE_TYPES.get(`${native.name.slice(3).toLowerCase()}/${args.length}`);
    if (!template || natives.length > 1 || enumType !== undefined || !args.every(Number.isInteger)) fail(native, "unsupported native type");
    type = template.replace(/\$(\d)/g, (_, n: string) => String(args[Number(n) - 1]));
  }
  return field.list ? `${type}[]` : type;
}

export function expectedDatabase(schema: PrismaSchema): DatabaseShape {
  const provider = schema.configs.find((config) => config.kind === "datasource")?.settings.provider;
  if (provider?.kind !== "string" || provider.value !== "postgresql") throw new Error('expected datasource provider "postgresql"');
  const enumTypes = new Map(schema.enums.map((value) => [value.name, mappedName(value.attributes, value.name)]));
  const models = new Map(schema.models.map((model) => [model.name, model]));
  const shape: DatabaseShape = { tables: {}, enums: {} };
  for (const value of schema.enums) {
    shape.enums[enumTypes.get(value.name)!] = value.values.map((item) => mappedName(item.attributes, item.name));
  }
  for (const model of schema.models) shape.tables[mappedName(model.attributes, model.name)] = expectedTable(model, models, enumTypes);
  return shape;
}

function expectedTable(model: Model, models: Map<string, Model>, enumTypes: Map<string, string>): TableShape {
  const table = mappedName(model.attributes, model.name);
  const shape: TableShape = { columns: {}, primaryKey: null, indexes: [], foreignKeys: [] };
  const columnOf = (owner: Model, attr: Attribute, name: string) => {
    const field = owner.fields.find((candidate) => candidate.name === name);
    if (!field || models.has(field.type)) fail(attr, `${owner.name}.${name} is not a scalar field`);
    return mappedName(field.attributes, field.name);
  };
  /** @id/@unique on a field (columns given) or @@id/@@unique/@@index on the model. */
  const addKey = (attr: Attribute, fieldColumn?: string) => {
    const args = argsOf(attr, fieldColumn ? ["map"] : ["", "fields", "name", "map", ...(attr.name === "index" ? ["type"] : [])]);
    const columns = fieldColumn ? [fieldColumn] : asNames(attr, args.get("") ?? args.get("fields")).map((f) => columnOf(model, attr, f));
    const map = asString(attr, args.get("map"));
    if (attr.name === "id") {
      if (shape.primaryKey) fail(attr, `${model.name} has a second primary key`);
      shape.primaryKey = { name: map ?? defaultName(attr, [table, "pkey"]), columns };
      return;
    }
    const type = asName(attr, args.get("type")) ?? "BTree";
    if (!INDEX_METHODS.has(type)) fail(attr, `unknown index type ${type}`);
    const unique = attr.name === "unique";
    const name = map ?? defaultName(attr, [table, ...columns, unique ? "key" : "idx"]);
    shape.indexes.push({ name, columns, unique, method: type.toLowerCase(), predicate: null });
  };

  for (const field of model.fields) {
    const target = models.get(field.type);
    if (!target) {
      const column = mappedName(field.attributes, field.name);
      // Prisma creates list columns without NOT NULL even when the field is required.
      shape.columns[column] = { type: columnType(field, enumTypes), nullable: field.optional || field.list };
      for (const attr of field.attributes) {
        if (attr.name === "id" || attr.name === "unique") addKey(attr, column);
        else if (attr.name === "relation") fail(attr, "not allowed on a scalar field");
        else if (attr.name === "updatedAt") argsOf(attr, []);
        // @default is not compared: the client fills most defaults itself. @map was read above.
      }
      continue;
    }
    for (const attr of field.attributes) {
      if (attr.name !== "relation") fail(attr, "not allowed on a relation field");
      const args = argsOf(attr, ["", "name", "fields", "references", "onDelete", "onUpdate", "map"]);
      if (!args.has("fields") && !args.has("references")) continue; // the back-relation side holds no key
      const columns = asNames(attr, args.get("fields")).map((name) => columnOf(model, attr, name));
      const action = (key: string, fallback: string) => {
        const name = asName(attr, args.get(key));
        return name === null ? fallback : REFERENTIAL_ACTIONS.get(name) ?? fail(attr, `unknown ${key} ${name}`);
      };
      shape.foreignKeys.push({
        name: asString(attr, args.get("map")) ?? defaultName(attr, [table, ...columns, "fkey"]),
        columns,
        referencedTable: mappedName(target.attributes, target.name),
        referencedColumns: asNames(attr, args.get("references")).map((name) => columnOf(target, attr, name)),
        // Prisma's defaults: deleting the referenced row nulls an optional relation and is refused for a required one.
        onDelete: action("onDelete", field.optional ? "SET NULL" : "RESTRICT"),
        onUpdate: action("onUpdate", "CASCADE"),
      });
    }
  }
  for (const attr of model.attributes) if (attr.name !== "map") addKey(attr);
  return shape;
}
