import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedClasses, seedDataset, seedPredictions, seedVerdicts } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// The first case starts the real CLI process; the others run its program in this process (seconds less each).
const relabel = (...args: string[]) => runRelabelInProcess(args);

let slug: string;

beforeAll(async () => {
  await seedClasses(db);
  const { datasetId, imageIds: [a, b, c, d] } = (await seedDataset(db, 4)) as { datasetId: number; imageIds: number[] };
  slug = (await db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).slug;
  await seedVerdicts(db, datasetId, "original", "ORIGINAL", [[a!, [356]], [b!, [356]], [c!, [357]], [d!, [358]]]);
  await seedVerdicts(db, datasetId, "real", "STUDY", [[a!, [356]], [b!, [357]], [c!, []], [d!, [358, 359]]]);
  await seedPredictions(db, datasetId, "tiny", [[a!, [356, 1]], [b!, [357, 356]], [c!, [357]], [d!, [1, 2, 3, 4, 5, 358]]]);
  const experts = await db.labelSource.create({ data: { datasetId, name: "experts", kind: "EXPERT", title: "Experts" } });
  await db.decision.createMany({
    data: [
      { imageId: a!, sourceId: experts.id, classes: [356] },
      { imageId: b!, sourceId: experts.id, classes: [358] },
      { imageId: c!, sourceId: experts.id, classes: [], outsideLabels: ["domestic ferret"] },
    ],
  });
});

// A CLI process starts tsx afresh; on a loaded 2-core machine that alone can take 20 s.
const slow = { timeout: 60_000 };

describe("relabel evaluate", slow, () => {
  it("prints one object with each protocol's top-1 (top-5 where defined) and its images", async () => {
    const result = await runRelabelCli(["evaluate", "--model", "tiny", "--dataset", slug, "--json"]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed).toMatchObject({ dataset: slug, model: "tiny", predictions: 4 });
    expect(parsed.protocols.original).toMatchObject({ top1: 50, top5: 75, images: 4, leftOut: 0 });
    expect(parsed.protocols.real).toMatchObject({ top1: 66.67, images: 3, leftOut: 1, leftOutBy: { "no label fits": 1 } });
    expect(parsed.protocols.real).not.toHaveProperty("top5");
    expect(Object.keys(parsed.protocols.original).sort()).toEqual(
      ["images", "leftOut", "leftOutBy", "merged", "otherImages", "problematicGroups", "protocol", "title", "top1", "top5", "duplicatesRemoved"].sort(),
    );
  });

  it("computes only the protocols asked for", async () => {
    const result = await relabel("evaluate", "--model", "model:tiny", "--protocol", "real", "--dataset", slug, "--json");
    expect(Object.keys(JSON.parse(result.stdout).protocols)).toEqual(["real"]);
  });

  it("refuses an unknown model, protocol or merge map with a clear message and exit code 1", async () => {
    const model = await relabel("evaluate", "--model", "gpt", "--dataset", slug);
    expect(model).toMatchObject({ code: 1, stdout: "" });
    expect(model.stderr).toContain('relabel: Unknown model "gpt". Models here: tiny.');
    const protocol = await relabel("evaluate", "--model", "tiny", "--protocol", "imagenet-v3", "--dataset", slug);
    expect(protocol.code).toBe(1);
    expect(protocol.stderr).toContain('Unknown protocol "imagenet-v3". Available here: original, real.');
    const merge = await relabel("evaluate", "--model", "tiny", "--merge", "620", "--dataset", slug);
    expect(merge.stderr).toContain("at least two classes");
  });
});

describe("relabel report classes", slow, () => {
  it("prints per class what the source confirmed and what the rest became", async () => {
    const result = await relabel("report", "classes", "--source", "experts", "--classes", "356,357,358", "--dataset", slug, "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      dataset: slug,
      source: "experts",
      classes: [
        { class: 356, images: 2, confirmed: 1, confirmedPct: 50, becameOther: { 358: 1 }, multilabel: 0, ambiguous: 0, notInImagenet: {}, unusable: 0 },
        { class: 357, images: 1, confirmed: 0, confirmedPct: 0, becameOther: {}, multilabel: 0, ambiguous: 0, notInImagenet: { "domestic ferret": 1 }, unusable: 0 },
        { class: 358, images: 0, confirmed: 0, confirmedPct: null, becameOther: {}, multilabel: 0, ambiguous: 0, notInImagenet: {}, unusable: 0 },
      ],
    });
  });

  it("refuses an unknown source and a bad class list", async () => {
    const source = await relabel("report", "classes", "--source", "nobody", "--classes", "1", "--dataset", slug);
    expect(source.code).toBe(1);
    expect(source.stderr).toContain('Unknown source "nobody"');
    const classes = await relabel("report", "classes", "--source", "experts", "--classes", "356,1000", "--dataset", slug);
    expect(classes.stderr).toContain("Class 1000 is not one of the dataset's 1000 classes");
  });
});
