import { describe, expect, it } from "vitest";
import { expectedDatabase } from "@/lib/testing/prisma-expected-shape";
import { readPrismaSchema } from "@/lib/testing/prisma-schema-reader";

// expectedDatabase() refuses any datasource but PostgreSQL, so every schema below starts with one.
const HEADER = `datasource db {
  provider = "postgresql" // trailing comments are comments too
}
`;
// Inputs are written as schema text, not as reader output, so they read like prisma/schema.prisma.
const shapeOf = (body: string) => expectedDatabase(readPrismaSchema(HEADER + body));

describe("expectedDatabase", () => {
  it("derives tables, columns, enums, keys, indexes and foreign keys the way Prisma creates them", () => {
    const shape = shapeOf(`
/// Doc comment on an enum.
enum Colour {
  RED
  DARK_BLUE @map("dark-blue")
  @@map("colour")
}

model Owner {
  id     BigInt  @id @default(autoincrement())
  email  String  @unique(map: "owner_email") @db.VarChar(200)
  pets   Pet[]
  walked Pet[]   @relation("Walker")
  @@map("owners")
}

model Pet {
  ownerId  BigInt    @map("owner_id")
  name     String
  walkerId BigInt?   @map("walker_id")
  colour   Colour?
  tags     String[]
  born     DateTime  @db.Timestamptz(6)
  extra    Json      @default("{}")
  owner    Owner     @relation(fields: [ownerId], references: [id])
  walker   Owner?    @relation("Walker", fields: [walkerId], references: [id], onUpdate: NoAction)

  @@id([ownerId, name])
  @@unique([name, walkerId], map: "pet_name_walker")
  @@index([tags], type: Gin)
}`);
    expect(shape.enums).toEqual({ colour: ["RED", "dark-blue"] });
    expect(shape.tables.owners).toEqual({
      columns: { id: { type: "bigint", nullable: false }, email: { type: "character varying(200)", nullable: false } },
      primaryKey: { name: "owners_pkey", columns: ["id"] },
      indexes: [{ name: "owner_email", columns: ["email"], unique: true, method: "btree", predicate: null }],
      foreignKeys: [],
    });
    expect(shape.tables.Pet).toEqual({
      columns: {
        owner_id: { type: "bigint", nullable: false },
        name: { type: "text", nullable: false },
        walker_id: { type: "bigint", nullable: true },
        colour: { type: "colour", nullable: true },
        tags: { type: "text[]", nullable: true },
        born: { type: "timestamp(6) with time zone", nullable: false },
        extra: { type: "jsonb", nullable: false },
      },
      primaryKey: { name: "Pet_pkey", columns: ["owner_id", "name"] },
      indexes: [
        { name: "pet_name_walker", columns: ["name", "walker_id"], unique: true, method: "btree", predicate: null },
        { name: "Pet_tags_idx", columns: ["tags"], unique: false, method: "gin", predicate: null },
      ],
      foreignKeys: [
        { name: "Pet_owner_id_fkey", columns: ["owner_id"], referencedTable: "owners", referencedColumns: ["id"], onDelete: "RESTRICT", onUpdate: "CASCADE" },
        { name: "Pet_walker_id_fkey", columns: ["walker_id"], referencedTable: "owners", referencedColumns: ["id"], onDelete: "SET NULL", onUpdate: "NO ACTION" },
      ],
    });
  });

  it("quotes mixed-case enum types and spells Prisma's default column types like format_type()", () => {
    const shape = shapeOf(`
enum Mood {
  OK
}
model T {
  id Int @id
  at DateTime
  f  Float[]
  b  Boolean
  m  Mood
}`);
    expect(shape.tables.T!.columns).toEqual({
      id: { type: "integer", nullable: false },
      at: { type: "timestamp(3) without time zone", nullable: false },
      f: { type: "double precision[]", nullable: true },
      b: { type: "boolean", nullable: false },
      m: { type: '"Mood"', nullable: false },
    });
  });

  // Each of these would otherwise be skipped or misread, and the drift test would check less than it claims.
  it.each([
    ["an unknown type", "model M {\n  id Int @id\n  x Money\n}", /unknown type Money/],
    ["an unknown native type", "model M {\n  id Int @id\n  x String @db.Geometry\n}", /@db.Geometry: unsupported native type/],
    ["a native type without its size", "model M {\n  id Int @id\n  x String @db.VarChar\n}", /@db.VarChar: unsupported native type/],
    ["a partial index", "model M {\n  id Int @id\n  @@index([id], where: raw(\"id > 0\"))\n}", /unsupported argument where/],
    ["a sort order", "model M {\n  id Int @id\n  @@index([id(sort: Desc)])\n}", /expected a bare name/],
    ["a key on a missing field", "model M {\n  id Int @id\n  @@unique([nope])\n}", /M.nope is not a scalar field/],
    ["an unknown referential action", "model A {\n  id Int @id\n  b B[]\n}\nmodel B {\n  id Int @id\n  aId Int\n  a A @relation(fields: [aId], references: [id], onDelete: Zap)\n}", /unknown onDelete Zap/],
  ])("throws on %s", (_, body, message) => {
    expect(() => shapeOf(body)).toThrow(message);
  });

  it("refuses a datasource other than PostgreSQL", () => {
    expect(() => expectedDatabase(readPrismaSchema('datasource db {\n  provider = "mysql"\n}'))).toThrow(/postgresql/);
  });
});
