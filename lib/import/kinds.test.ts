import { describe, expect, it } from "vitest";
import { IMPORT_KINDS } from "@/lib/import/kinds";
import { IMPORT_KIND_NAMES, IMPORT_OPTION_SCHEMAS } from "@/lib/validation/import";

const keyOf = (flags: string) => flags.split(" ")[0]!.replace(/^--(no-)?/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

describe("the import registry and the option schemas", () => {
  it("list the same kinds, and each kind's CLI flags are exactly its schema's options", () => {
    expect(IMPORT_KINDS.map((kind) => kind.name).sort()).toEqual([...IMPORT_KIND_NAMES].sort());
    for (const kind of IMPORT_KINDS) {
      const flags = (kind.options ?? []).map((option) => keyOf(option.flags)).sort();
      expect([kind.name, flags]).toEqual([kind.name, Object.keys(IMPORT_OPTION_SCHEMAS[kind.name].shape).sort()]);
    }
  });
});
