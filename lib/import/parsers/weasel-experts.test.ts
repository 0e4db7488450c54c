import { describe, expect, it } from "vitest";
import { ambiguityFromComment, customLabelsFromComment, parseWeaselExpertFile } from "./weasel-experts";
import { describeWithSharedData, expectImportError, fuzzText } from "./test-helpers";

const n = (k: number) => `ILSVRC2012_val_${String(k).padStart(8, "0")}.JPEG`;
const POLECAT = "polecat, fitch, foulmart, foumart, Mustela putorius";
const FERRET = "black-footed ferret, ferret, Mustela nigripes";

const SAMPLE = JSON.stringify({
  [n(723)]: { old_label: 356, new_label: 357, detailed_labels: "", label_type: "basic" },
  [n(3458)]: { old_label: 356, new_label: 359, detailed_labels: "", label_type: "basic" },
  [n(1386)]: { old_label: 356, new_label: null, detailed_labels: "Tayra", label_type: "custom" },
  [n(24239)]: { old_label: 356, new_label: [356], detailed_labels: "There is a weasel and a vole (custom label)", label_type: "multilabel" },
  [n(32202)]: { old_label: 356, new_label: null, detailed_labels: "The image is blurry, it could be a ferret or a polecat.", label_type: "uncertain", selected_classes: { "358": POLECAT, "359": FERRET } },
  [n(47800)]: { old_label: 359, new_label: null, detailed_labels: "Could be a polecat or a ferret.", label_type: "uncertain", selected_classes: { "358": POLECAT, "359": FERRET } },
  [n(46175)]: { old_label: 357, new_label: null, detailed_labels: "Too young.", label_type: "uncertain", selected_classes: { "357": "mink" } },
  [n(6826)]: { old_label: 358, new_label: null, detailed_labels: "No idea what this is.", label_type: "uncertain" },
  [n(33362)]: { old_label: 359, new_label: null, detailed_labels: "American polecat = black-footed ferret, the only one!!!", label_type: "uncertain", selected_classes: { "358": POLECAT } },
});

describe("parseWeaselExpertFile", () => {
  const decisions = new Map(parseWeaselExpertFile(SAMPLE, "356_357_358_359.json").map((d) => [d.fileNumber, d]));

  it("basic: one class", () => {
    expect(decisions.get(723)).toEqual({ fileNumber: 723, classes: [357], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" });
  });

  it("basic 359 means domestic ferret, not the black-footed ferret class, and says so in the notes", () => {
    const d = decisions.get(3458)!;
    expect(d.classes).toEqual([]);
    expect(d.outsideLabels).toEqual(["domestic ferret"]);
    expect(d.notes).toMatch(/new_label 359 means domestic ferret/);
  });

  it("custom: the free-text species, lower-cased, text kept in notes", () => {
    expect(decisions.get(1386)).toMatchObject({ classes: [], outsideLabels: ["tayra"], notes: "Tayra" });
  });

  it("multilabel: the classes plus the non-ImageNet object named in the text", () => {
    expect(decisions.get(24239)).toMatchObject({ classes: [356], outsideLabels: ["vole"], notes: "There is a weasel and a vole (custom label)" });
  });

  it("uncertain: reason from the comment, else several classes, else other; candidates from selected_classes", () => {
    expect(decisions.get(32202)).toMatchObject({ ambiguity: "BLURRY", candidateClasses: [358, 359] });
    expect(decisions.get(32202)!.notes).toMatch(/^The image is blurry.*\nImport note: candidate 359/);
    expect(decisions.get(47800)).toMatchObject({ ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [358, 359] });
    expect(decisions.get(46175)).toMatchObject({ ambiguity: "OTHER", candidateClasses: [357] });
    expect(decisions.get(6826)).toMatchObject({ ambiguity: "OTHER", candidateClasses: [], classes: [] });
    // The file's only true black-footed ferret stays as published: uncertain, comment kept.
    expect(decisions.get(33362)).toMatchObject({ ambiguity: "OTHER", candidateClasses: [358], notes: "American polecat = black-footed ferret, the only one!!!" });
  });

  it("reads reasons and custom labels from comment text", () => {
    expect(ambiguityFromComment("Characteristic features obscured.", 1)).toBe("FEATURES_OBSCURED");
    expect(ambiguityFromComment("Too far away.", 1)).toBe("TOO_FAR");
    expect(ambiguityFromComment("Blurry image.", 1)).toBe("BLURRY");
    expect(customLabelsFromComment("There is a weasel and a vole (custom label).")).toEqual(["vole"]);
    expect(customLabelsFromComment("A weasel.")).toEqual([]);
    expect(customLabelsFromComment("A mink with a Chinese ferret-badger (custom label), and a tayra (custom label)")).toEqual(["chinese ferret-badger", "tayra"]);
  });

  it("rejects inconsistent entries with the key and field", () => {
    const one = (entry: Record<string, unknown>) => JSON.stringify({ [n(1)]: entry });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: null, detailed_labels: "", label_type: "basic" }), "w.json"), {
      file: "w.json",
      where: `key "${n(1)}", field new_label`,
      problem: /basic label needs one class/,
    });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: 357, detailed_labels: "x", label_type: "uncertain" }), "w.json"), { file: "w.json", where: `key "${n(1)}", field new_label`, problem: /must have new_label null/ });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: null, detailed_labels: " ", label_type: "custom" }), "w.json"), { file: "w.json", where: `key "${n(1)}", field detailed_labels`, problem: /needs the species/ });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: [], detailed_labels: "", label_type: "multilabel" }), "w.json"), { file: "w.json", where: `key "${n(1)}", field new_label`, problem: /non-empty list/ });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: 1, detailed_labels: "", label_type: "guess" }), "w.json"), { file: "w.json", where: `key "${n(1)}", field label_type`, problem: /Unknown label_type "guess"/ });
    expectImportError(() => parseWeaselExpertFile(one({ old_label: 356, new_label: null, detailed_labels: "", label_type: "uncertain", selected_classes: { mink: "mink" } }), "w.json"), {
      file: "w.json",
      where: `key "${n(1)}", field selected_classes`,
      problem: /"mink" is not a class index/,
    });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(SAMPLE, (text) => parseWeaselExpertFile(text, "f.json"));
  });
});

describeWithSharedData("356_357_358_359.json (real data)", (data) => {
  it("one decision per image; no 359 class anywhere in decided classes; every type handled", () => {
    const raw = data.json("flaws-of-imagenet/356_357_358_359.json") as Record<string, { new_label: unknown; label_type: string; detailed_labels: string }>;
    const decisions = parseWeaselExpertFile(data.text("flaws-of-imagenet/356_357_358_359.json"), "356_357_358_359.json");
    expect(decisions).toHaveLength(Object.keys(raw).length);
    const entries = Object.values(raw);
    expect(decisions.filter((d) => d.outsideLabels.includes("domestic ferret"))).toHaveLength(entries.filter((e) => e.new_label === 359).length);
    expect(decisions.filter((d) => d.classes.includes(359))).toEqual([]);
    expect(decisions.filter((d) => d.ambiguity !== null)).toHaveLength(entries.filter((e) => e.label_type === "uncertain").length);
    for (const d of decisions) {
      const e = raw[`ILSVRC2012_val_${String(d.fileNumber).padStart(8, "0")}.JPEG`]!;
      expect(d.notes.startsWith(e.detailed_labels.trim())).toBe(true);
      if (e.label_type === "custom") expect(d.outsideLabels).toEqual([e.detailed_labels.trim().toLowerCase()]);
      if (e.label_type === "multilabel") expect(d.outsideLabels.length).toBeGreaterThan(0);
    }
  });
});
