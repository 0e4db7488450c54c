/**
 * The PostgreSQL shape Prisma would create from a schema that prisma-schema-reader.ts has read: tables,
 * columns, enums, keys, indexes and foreign keys, spelled the way pg_catalog prints them so that
 * lib/db/schema-drift.test.ts can compare it to a migrated database. Kept apart from the reader because
 * these are Prisma's mapping rules, not its language. As strict as the reader: whatever it cannot map
 * throws, so the drift test never checks less than it claims.
 */

import {
  type Attribute,
  type Field,
  type Model,
  type PrismaSchema,
  type Value,
  PrismaSchemaError,
} from "@/lib/testing/prisma-schema-reader";

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
