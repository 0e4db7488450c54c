import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectedDatabase } from "@/lib/testing/prisma-expected-shape";
import { readPrismaSchema } from "@/lib/testing/prisma-schema-reader";

// Line numbers in the expected errors count these three lines.
const HEADER = `datasource db {
  provider = "postgresql" // trailing comments are comments too
}
`;

describe("readPrismaSchema", () => {
  // Each of these would otherwise be skipped or misread, and the drift test would check less than it claims.
  it.each([
    ["an unknown block", "view V {\n  id Int\n}", /line 4: unsupported block "view"/],
    ["a composite type", "type Address {\n  street String\n}", /unsupported block "type"/],
    ["a line it cannot tokenize", "model M {\n  id Int @id\n  # not prisma\n}", /line 6: cannot read "# not prisma"/],
    ["a stray word", "model M {\n  id Int @id extra\n}", /line 5: expected "@" but found "extra"/],
    ["an unclosed block", "model M {\n  id Int @id", /unclosed block/],
    ["an unknown field attribute", "model M {\n  id Int @id @ignore\n}", /unsupported attribute @ignore/],
    ["an unknown block attribute", "model M {\n  id Int @id\n  @@schema(\"x\")\n}", /unsupported attribute @@schema/],
    ["an Unsupported() type", 'model M {\n  id Int @id\n  g Unsupported("geometry")\n}', /unsupported type Unsupported/],
    ["an optional list", "model M {\n  id Int @id\n  l Int[]?\n}", /optional lists/],
    ["a field declared twice", "model M {\n  id Int @id\n  id Int\n}", /declared twice/],
  ])("throws on %s", (_, body, message) => {
    expect(() => readPrismaSchema(HEADER + body)).toThrow(message);
  });

  it("reads every model and enum of prisma/schema.prisma", async () => {
    const text = await readFile(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
    const schema = readPrismaSchema(text);
    // Counted independently of the reader, so a block it skipped would show up here.
    expect(schema.models.map((model) => model.name)).toEqual([...text.matchAll(/^model (\w+) \{$/gm)].map((match) => match[1]));
    expect(schema.enums.map((value) => value.name)).toEqual([...text.matchAll(/^enum (\w+) \{$/gm)].map((match) => match[1]));
    // The drift test derives its expectations from this very file, so it must map every model to a table.
    expect(Object.keys(expectedDatabase(schema).tables)).toHaveLength(schema.models.length);
  });
});
