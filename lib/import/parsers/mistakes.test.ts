import { describe, expect, it } from "vitest";
import { normalizeMistakeCategory, parseClassConfusion, parseMistakes } from "./mistakes";
import { describeWithSharedData, expectImportError, fakeWnids, fuzzText } from "./test-helpers";

const SAMPLE = JSON.stringify({
  "ILSVRC2012_val_00001529.JPEG": { top_prediction: 304, "failure category": "Fine-grained error with OOV", "failure severity": "Minor" },
  "ILSVRC2012_val_00000612.JPEG": { top_prediction: 192, "failure category": "Fine-grained with OOV", "failure severity": "Major" },
  "ILSVRC2012_val_00002021.JPEG": { top_prediction: 198, "failure category": "Spurious Correlation", "failure severity": "Borderline" },
  "ILSVRC2012_val_00003000.JPEG": { top_prediction: 1, "failure category": "Fine-grained with Multilabel Options", "failure severity": "Minor" },
});

describe("normalizeMistakeCategory", () => {
  it("unifies the published spelling variants", () => {
    expect(normalizeMistakeCategory("Fine-grained error with OOV")).toBe("fine-grained with OOV");
    expect(normalizeMistakeCategory("Fine-grained with OOV")).toBe("fine-grained with OOV");
    expect(normalizeMistakeCategory("Fine-grained error")).toBe("fine-grained");
    expect(normalizeMistakeCategory("Non-prototypical")).toBe("non-prototypical");
    expect(normalizeMistakeCategory("spurious  correlation")).toBe("spurious correlation");
    expect(normalizeMistakeCategory("Label error")).toBeNull();
  });
});

describe("parseMistakes", () => {
  it("returns hints sorted by file number with normalized category and severity", () => {
    expect(parseMistakes(SAMPLE, "vit3b_mistakes.json")).toEqual([
      { fileNumber: 612, classIndex: 192, category: "fine-grained with OOV", severity: "major" },
      { fileNumber: 1529, classIndex: 304, category: "fine-grained with OOV", severity: "minor" },
      { fileNumber: 2021, classIndex: 198, category: "spurious correlation", severity: "borderline" },
      { fileNumber: 3000, classIndex: 1, category: "fine-grained with multilabel options", severity: "minor" },
    ]);
  });

  it("reports a repeated image key, which JSON.parse would silently drop", () => {
    const text = `{"ILSVRC2012_val_00000001.JPEG": {"top_prediction": 1, "failure category": "Fine-grained error", "failure severity": "Minor"},\n "ILSVRC2012_val_00000001.JPEG": {"top_prediction": 2, "failure category": "Fine-grained error", "failure severity": "Minor"}}`;
    expectImportError(() => parseMistakes(text, "m.json"), { file: "m.json", where: "line 2, column 2", problem: /appears twice: at line 1, column 2 and at line 2, column 2/ });
  });

  it("rejects unknown categories and severities, bad keys and predictions", () => {
    const one = (entry: Record<string, unknown>, key = "ILSVRC2012_val_00000001.JPEG") => JSON.stringify({ [key]: entry });
    const ok = { top_prediction: 1, "failure category": "Fine-grained error", "failure severity": "Minor" };
    expectImportError(() => parseMistakes(one({ ...ok, "failure category": "Typo" }), "m.json"), { file: "m.json", where: 'key "ILSVRC2012_val_00000001.JPEG", field failure category', problem: /Unknown failure category "Typo"/ });
    expectImportError(() => parseMistakes(one({ ...ok, "failure severity": "Severe" }), "m.json"), { file: "m.json", where: 'key "ILSVRC2012_val_00000001.JPEG", field failure severity', problem: /Minor, Major or Borderline/ });
    expectImportError(() => parseMistakes(one(ok, "image1.jpg"), "m.json"), { file: "m.json", where: 'key "image1.jpg"', problem: /not a validation file name/ });
    expectImportError(() => parseMistakes(one({ ...ok, top_prediction: 1000 }), "m.json"), { file: "m.json", where: 'key "ILSVRC2012_val_00000001.JPEG", field top_prediction', problem: /not a class index/ });
    expect(parseMistakes(one({ ...ok, top_prediction: null }), "m.json")[0]!.classIndex).toBeNull();
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(SAMPLE, (text) => parseMistakes(text, "f.json"));
  });
});

describe("parseClassConfusion", () => {
  const wnids = fakeWnids();
  const [a, b] = [...wnids.keys()];

  it("reads [wnid, wnid, count] triples", () => {
    expect(parseClassConfusion(JSON.stringify([[a, b, 3]]), "c.json", wnids)).toEqual([{ classes: [0, 1], count: 3 }]);
  });

  it("rejects unknown wnids and bad counts", () => {
    expectImportError(() => parseClassConfusion(JSON.stringify([[a, "n99999999", 1]]), "c.json", wnids), { file: "c.json", where: "position 0", problem: /Unknown wnid n99999999/ });
    expectImportError(() => parseClassConfusion(JSON.stringify([[a, b, 0]]), "c.json", wnids), { file: "c.json", where: "position 0", problem: /whole number ≥ 1/ });
    expectImportError(() => parseClassConfusion(JSON.stringify([["crane", b, 1]]), "c.json", wnids), { file: "c.json", where: "position 0", problem: /not a class index/ });
  });
});

describeWithSharedData("imagenet-mistakes (real data)", (data) => {
  for (const file of ["vit3b_mistakes.json", "greedy_soups_mistakes.json"]) {
    it(`${file}: every entry, with both OOV spellings merged`, () => {
      const raw = data.json(`imagenet-mistakes/${file}`) as Record<string, { top_prediction: number; "failure category": string }>;
      const hints = parseMistakes(data.text(`imagenet-mistakes/${file}`), file);
      expect(hints).toHaveLength(Object.keys(raw).length);
      const oovRaw = Object.values(raw).filter((e) => /OOV/.test(e["failure category"])).length;
      expect(hints.filter((h) => h.category === "fine-grained with OOV")).toHaveLength(oovRaw);
      for (const h of hints) expect(h.classIndex).toBe(raw[`ILSVRC2012_val_${String(h.fileNumber).padStart(8, "0")}.JPEG`]!.top_prediction);
    });
  }

  it("class_confusion_wnids.json resolves every wnid", () => {
    const classes = (data.json("imagenet-classes/class_info.json") as { wnid: string; cid: number }[]);
    const raw = data.json("imagenet-mistakes/class_confusion_wnids.json") as [string, string, number][];
    const pairs = parseClassConfusion(data.text("imagenet-mistakes/class_confusion_wnids.json"), "c.json", new Map(classes.map((c) => [c.wnid, c.cid])));
    expect(pairs.map((p) => p.count)).toEqual(raw.map((r) => r[2]));
  });
});
