import { describe, expect, it } from "vitest";
import { mturkOutcome, parseNorthcuttMturk } from "./northcutt";
import { describeWithSharedData, expectImportError, fuzzText } from "./test-helpers";

const record = (id: number | string, votes: Record<string, number>, extra: Record<string, unknown> = {}) => ({
  id,
  url: `https://labelerrors.com//static/imagenet/val/n01440764/ILSVRC2012_val_${String(id).padStart(8, "0")}.JPEG`,
  given_original_label: 0,
  given_original_label_name: "tench",
  our_guessed_label: 48,
  our_guessed_label_name: "Komodo dragon",
  mturk: votes,
  ...extra,
});
const v = (given: number, guessed: number, neither: number, both: number) => ({ given, guessed, neither, both });

describe("mturkOutcome", () => {
  it("applies the ≥3/5 majority and the 5/5 unanimous rules", () => {
    expect(mturkOutcome(v(3, 1, 1, 0), 0, 48, "majority")).toEqual({ status: "LABELED", classes: [0] });
    expect(mturkOutcome(v(3, 1, 1, 0), 0, 48, "unanimous")).toEqual({ status: "NO_CONSENSUS", classes: [] });
    expect(mturkOutcome(v(0, 5, 0, 0), 0, 48, "unanimous")).toEqual({ status: "LABELED", classes: [48] });
    expect(mturkOutcome(v(1, 0, 0, 4), 900, 48, "majority")).toEqual({ status: "LABELED", classes: [48, 900] });
    expect(mturkOutcome(v(0, 1, 3, 1), 0, 48, "majority")).toEqual({ status: "NONE_FIT", classes: [] });
    expect(mturkOutcome(v(2, 2, 1, 0), 0, 48, "majority")).toEqual({ status: "NO_CONSENSUS", classes: [] });
  });
});

describe("parseNorthcuttMturk", () => {
  const sample = JSON.stringify([record(30740, v(0, 4, 1, 0)), record(293, v(5, 0, 0, 0))]);

  it("reads id as the validation FILE NUMBER and keeps votes and both labels", () => {
    expect(parseNorthcuttMturk(sample, "mturk.json", "majority")).toEqual([
      { fileNumber: 293, status: "LABELED", classes: [0], votes: v(5, 0, 0, 0), details: { originalLabel: 0, guessedLabel: 48, rule: "majority" } },
      { fileNumber: 30740, status: "LABELED", classes: [48], votes: v(0, 4, 1, 0), details: { originalLabel: 0, guessedLabel: 48, rule: "majority" } },
    ]);
    expect(parseNorthcuttMturk(sample, "mturk.json", "unanimous")[1]!.status).toBe("NO_CONSENSUS");
  });

  it("accepts labels written as digit strings", () => {
    const text = JSON.stringify([record(7, v(5, 0, 0, 0), { given_original_label: "12", our_guessed_label: "48" })]);
    expect(parseNorthcuttMturk(text, "m.json", "majority")[0]!.classes).toEqual([12]);
  });

  it("rejects an id that disagrees with the url, bad votes, repeats and out-of-range ids", () => {
    const bad = (entries: unknown[]) => JSON.stringify(entries);
    expectImportError(() => parseNorthcuttMturk(bad([record(5, v(5, 0, 0, 0), { url: "https://x/val/n1/ILSVRC2012_val_00000006.JPEG" })]), "m.json", "majority"), {
      file: "m.json",
      where: "position 0",
      problem: /id 5 does not match the image in url \(6\)/,
    });
    expectImportError(() => parseNorthcuttMturk(bad([record(5, { given: 5, guessed: 0, neither: 0 })]), "m.json", "majority"), {
      file: "m.json",
      where: "position 0, field mturk",
      problem: /"both" must be a whole number/,
    });
    expectImportError(() => parseNorthcuttMturk(bad([record(5, { ...v(5, 0, 0, 0), maybe: 1 })]), "m.json", "majority"), { file: "m.json", where: "position 0, field mturk", problem: /Unknown vote option maybe/ });
    expectImportError(() => parseNorthcuttMturk(bad([record(5, v(0, 0, 0, 0))]), "m.json", "majority"), { file: "m.json", where: "position 0, field mturk", problem: /no votes/ });
    expectImportError(() => parseNorthcuttMturk(bad([record(5, v(5, 0, 0, 0)), record(5, v(5, 0, 0, 0))]), "m.json", "majority"), {
      file: "m.json",
      where: "position 1",
      problem: /Image 5 appears twice: at position 0 and at position 1\./,
    });
    expectImportError(() => parseNorthcuttMturk(bad([record(0, v(5, 0, 0, 0), { url: undefined })]), "m.json", "majority"), { file: "m.json", where: "position 0, field id", problem: /outside 1\.\.50000/ });
    expectImportError(() => parseNorthcuttMturk(bad([record(5, v(5, 0, 0, 0), { our_guessed_label: 1000 })]), "m.json", "majority"), { file: "m.json", where: "position 0, field our_guessed_label", problem: /not a class index/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(sample, (text) => parseNorthcuttMturk(text, "f.json", "majority"));
  });
});

describeWithSharedData("imagenet_mturk.json (real data)", (data) => {
  const raw = data.json("label-errors/imagenet_mturk.json") as { id: number; given_original_label: number; our_guessed_label: number }[];
  const originalByFile = new Map(
    (data.json("imagenet-classes/imagenet-validation-original.json") as { image_filenames: [string, string][] }).image_filenames.map(([f, w]) => [Number(f.slice(15, 23)), w]),
  );
  const wnids = (data.json("imagenet-classes/class_info.json") as { wnid: string }[]).map((c) => c.wnid);

  it("ids are file numbers: the given label is the original label of that file", () => {
    const records = parseNorthcuttMturk(data.text("label-errors/imagenet_mturk.json"), "imagenet_mturk.json", "majority");
    expect(records).toHaveLength(raw.length);
    const wrong = records.filter((r) => wnids[r.details!.originalLabel as number] !== originalByFile.get(r.fileNumber!));
    expect(wrong).toEqual([]);
  });

  // The "Flaws" authors published the outcomes of both rules as CSVs; our derivation must agree.
  for (const [rule, csv] of [["majority", "label_errors_og_met.csv"], ["unanimous", "label_errors.csv"]] as const) {
    it(`the ${rule} rule reproduces flaws-of-imagenet/${csv}`, () => {
      const records = parseNorthcuttMturk(data.text("label-errors/imagenet_mturk.json"), "imagenet_mturk.json", rule);
      const expected = new Map(
        data.text(`flaws-of-imagenet/${csv}`).trimEnd().split("\n").slice(1).map((line) => {
          const [id, category, , proposed] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
          const classes = proposed!.replace(/"/g, "").split(", ").filter(Boolean).map(Number).sort((a, b) => a - b);
          return [Number(id!.slice(15, 23)), { category: category!, classes }];
        }),
      );
      const statusOf: Record<string, string> = { A: "LABELED", B: "LABELED", M: "LABELED", Z: "NONE_FIT", X: "NO_CONSENSUS" };
      const mismatches = records.filter((r) => {
        const e = expected.get(r.fileNumber!);
        return !e || statusOf[e.category] !== r.status || e.classes.join() !== r.classes.join();
      });
      expect(expected.size).toBe(records.length);
      expect(mismatches).toEqual([]);
    });
  }
});
