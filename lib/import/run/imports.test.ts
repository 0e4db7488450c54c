import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ImportError } from "@/lib/import/import-error";
import { makeNpy } from "@/lib/import/parsers/test-helpers";
import type { ImportContext, ImportSummary } from "@/lib/import/run/context";
import { importImageFolder } from "@/lib/import/run/image-imports";
import { importOriginalLabels, importReal } from "@/lib/import/run/label-imports";
import { importPredictions } from "@/lib/import/run/prediction-imports";
import { importMistakes, importNorthcutt, importTsipras, importWeaselExperts } from "@/lib/import/run/study-imports";
import { importClassClusters, importClasses } from "@/lib/import/run/taxonomy-imports";

/*
 * Import semantics on small fixtures written here in the published formats: a made-up taxonomy
 * of 1000 classes (wnid n1000xxxx ↔ index xxxx, sorted like the real list) and a dataset of
 * 12 validation images. Image 40000 appears in some files but is not in the dataset.
 */

const ctx: ImportContext = { url: process.env.DATABASE_URL!, dataset: "fixture-val" };
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
const dir = mkdtempSync(path.join(os.tmpdir(), "relabel-imports-"));
const at = (relative: string) => path.join(dir, relative);

const wnid = (index: number) => `n${10_000_000 + index}`;
const valName = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
const IMAGES = Array.from({ length: 12 }, (_, i) => i + 1);
const originalClass = (n: number) => 356 + (n % 4);
const OUTSIDE = 40_000;
// A 1×1 PNG: ImageNet has PNGs named .JPEG, and the importer sniffs content, not names.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function write(relative: string, content: string | Uint8Array): string {
  mkdirSync(path.dirname(at(relative)), { recursive: true });
  writeFileSync(at(relative), content);
  return at(relative);
}

const classInfoJson = () => JSON.stringify(Array.from({ length: 1000 }, (_, cid) => ({ cid, wnid: wnid(cid), synset: [`class ${cid}`], gloss: "" })));

/** imagenet-validation-original.json lists images in class-folder order: by wnid, then file name. */
function originalJson(wnidOf = (n: number) => wnid(originalClass(n))): string {
  const pairs = IMAGES.map((n) => [valName(n), wnidOf(n)] as const).sort(([fa, wa], [fb, wb]) => wa.localeCompare(wb) || fa.localeCompare(fb));
  return JSON.stringify({ image_filenames: pairs });
}

/** finegrained.csv: one row per "Flaws" category A, B, M, Z, X, plus an image outside the dataset. */
const TSIPRAS_ROWS = [
  `${valName(1)},A,357,357,True`,
  `${valName(2)},B,358,359,True`,
  `${valName(3)},M,359,"359, 356",False`,
  `${valName(4)},Z,356,,True`,
  `${valName(5)},X,357,,False`,
  `${valName(OUTSIDE)},A,1,1,True`,
];
const tsiprasCsv = (rows = TSIPRAS_ROWS) => ["id,category,original_label,proposed_labels,manually_validated", ...rows].join("\n") + "\n";

type Votes = { given: number; guessed: number; neither: number; both: number };
const mturk = (id: number, guessed: number, votes: Votes) => ({
  id,
  url: `https://labelerrors.com//static/imagenet/val/${wnid(originalClass(id))}/${valName(id)}`,
  given_original_label: originalClass(id),
  our_guessed_label: guessed,
  mturk: votes,
});
const NORTHCUTT = [
  mturk(1, 356, { given: 3, guessed: 1, neither: 1, both: 0 }),
  mturk(2, 359, { given: 0, guessed: 4, neither: 1, both: 0 }),
  mturk(6, 356, { given: 1, guessed: 1, neither: 1, both: 2 }),
];
const northcuttJson = (records = NORTHCUTT) => JSON.stringify(records, null, 2);

const predictionsCsv = () => ["file,class,score", `${valName(1)},357,0.8`, `${valName(1)},356,0.1`, `2,${wnid(358)},0.9`].join("\n");

const expertsJson = () =>
  JSON.stringify({
    [valName(1)]: { old_label: 357, new_label: 359, detailed_labels: "", label_type: "basic" },
    [valName(2)]: { old_label: 358, new_label: null, detailed_labels: "blurry", label_type: "uncertain", selected_classes: { "356": "weasel", "358": "polecat" } },
    [valName(3)]: { old_label: 359, new_label: null, detailed_labels: "Tayra", label_type: "custom" },
  });

const mistake = (top: number) => `{"top_prediction": ${top}, "failure category": "Fine-grained error", "failure severity": "Minor"}`;
/** Written as text: JSON.stringify cannot repeat a key, and a repeated key is a case below. */
const mistakesJson = (entries: [number, number][] = [[1, 356], [OUTSIDE, 5]]) =>
  `{\n${entries.map(([n, top]) => `  "${valName(n)}": ${mistake(top)}`).join(",\n")}\n}`;

/** Every fixture source, in dependency order; each import replaces what its source held. */
async function importFixtures(): Promise<ImportSummary[]> {
  return [
    await importOriginalLabels(ctx, at("original.json")),
    await importImageFolder(ctx, at("val")),
    await importTsipras(ctx, at("finegrained.csv")),
    await importNorthcutt(ctx, at("imagenet_mturk.json")),
    await importPredictions(ctx, at("predictions.csv"), { name: "model:fixture" }),
    await importWeaselExperts(ctx, at("356_357_358_359.json")),
    await importMistakes(ctx, at("fixture_mistakes.json")),
  ];
}

const TABLES = ["datasets", "images", "classes", "label_sources", "source_labels", "predictions", "image_hints", "decisions"];

/** Row count and checksum of every row (ids and timestamps included) of each table an import writes. */
async function exactSnapshot(): Promise<Record<string, unknown>> {
  const snapshot: Record<string, unknown> = {};
  for (const table of TABLES) snapshot[table] = await checksum(`SELECT * FROM ${table}`);
  return snapshot;
}

/** What a re-import must reproduce: content and source ids; label row ids and import times may change. */
async function contentSnapshot(): Promise<Record<string, unknown>> {
  return {
    datasets: await checksum("SELECT * FROM datasets"),
    images: await checksum("SELECT * FROM images"),
    sources: await checksum("SELECT id, dataset_id, name, kind, title, options FROM label_sources"),
    labels: await checksum("SELECT source_id, image_id, status, classes, category, manually_validated, scores, votes, details FROM source_labels"),
    predictions: await checksum("SELECT source_id, image_id, classes, scores FROM predictions"),
    hints: await checksum("SELECT source_id, image_id, class_index, category, severity, note FROM image_hints"),
    decisions: await checksum("SELECT source_id, image_id, classes, ambiguity, candidate_classes, outside_labels, notes FROM decisions"),
  };
}

async function checksum(sql: string) {
  const { rows } = await client.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM (${sql}) t`);
  return rows[0] as { rows: number; md5: string };
}

async function rowsOfSource(name: string): Promise<number> {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM source_labels WHERE source_id = s.id) + (SELECT count(*) FROM predictions WHERE source_id = s.id)
          + (SELECT count(*) FROM image_hints WHERE source_id = s.id) + (SELECT count(*) FROM decisions WHERE source_id = s.id) AS n
     FROM label_sources s JOIN datasets d ON d.id = s.dataset_id AND d.slug = $1 WHERE s.name = $2`,
    [ctx.dataset, name],
  );
  return Number(rows[0]?.n ?? 0);
}

/** source_labels' id sequence: nextval survives a rollback, so it shows that rows were written and then undone. */
async function labelIdSequence(): Promise<bigint> {
  const { rows } = await client.query("SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('source_labels', 'id')::regclass), 0)::text AS v");
  return BigInt(rows[0].v);
}

async function importErrorOf(work: Promise<unknown>): Promise<ImportError> {
  const error = await work.then(() => null, (e: unknown) => e);
  if (error instanceof ImportError) return error;
  throw new Error(`Expected an ImportError, got ${error === null ? "success" : String(error)}`);
}

/** A real AbortSignal that becomes aborted when the import checks it for the n-th time. */
function signalAbortingAtCheck(n: number): AbortSignal {
  const controller = new AbortController();
  const check = controller.signal.throwIfAborted.bind(controller.signal);
  let checks = 0;
  Object.defineProperty(controller.signal, "throwIfAborted", {
    value: () => {
      if (++checks === n) controller.abort();
      check();
    },
  });
  return controller.signal;
}

beforeAll(async () => {
  await client.connect();
  await importClasses(ctx, write("class_info.json", classInfoJson()));
  write("original.json", originalJson());
  write(`val/${valName(1)}`, PNG);
  write(`val/${valName(2)}`, PNG);
  write("finegrained.csv", tsiprasCsv());
  write("imagenet_mturk.json", northcuttJson());
  write("predictions.csv", predictionsCsv());
  write("356_357_358_359.json", expertsJson());
  write("fixture_mistakes.json", mistakesJson());
  await importFixtures();
});

afterAll(async () => {
  await client.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("re-running an import", () => {
  it("stores the same rows under the same source ids, never duplicates", async () => {
    const before = await contentSnapshot();
    const summaries = await importFixtures();
    expect(await contentSnapshot()).toEqual(before);
    expect(summaries.map((s) => [s.kind, s.stored, s.notInDataset])).toEqual([
      ["original", 12, 0],
      ["images", 2, undefined],
      ["tsipras", 5, 1],
      ["northcutt", 3, 0],
      ["predictions", 2, 0],
      ["experts", 3, 0],
      ["mistakes", 1, 1],
    ]);
    expect(await rowsOfSource("tsipras")).toBe(5);
  });
});

interface FailureCase {
  name: string;
  /** The broken input, relative to the fixture folder; omitted when the file must not exist. */
  input: [relative: string, content: () => string | Uint8Array] | [relative: string];
  run: (file: string) => Promise<unknown>;
  /** The path the error must name, when it is not the input itself (a file inside a folder). */
  errorFile?: string;
  where: RegExp | null;
  problem: RegExp;
}

const npy = (descr: string, shape: number[]) => makeNpy(`{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(", ")},), }`, new Uint8Array(shape.reduce((a, b) => a * b) * 8));
const intoFixtureModel = (file: string) => importPredictions(ctx, file, { name: "model:fixture" });

const FAILURES: FailureCase[] = [
  { name: "truncated JSON", input: ["bad/imagenet_mturk.json", () => northcuttJson().slice(0, 300)], run: (f) => importNorthcutt(ctx, f), where: /^line \d+, column \d+$/, problem: /truncated/ },
  { name: "a CSV with a wrong header", input: ["bad/header.csv", () => tsiprasCsv().replace("proposed_labels", "proposed")], run: (f) => importTsipras(ctx, f), where: /^header$/, problem: /missing proposed_labels/ },
  { name: "class index 1000", input: ["bad/class.csv", () => tsiprasCsv().replace(",358,359,", ",358,1000,")], run: (f) => importTsipras(ctx, f), where: /^line 3, column proposed_labels$/, problem: /not a class index 0\.\.999/ },
  { name: "a wnid not in the taxonomy", input: ["bad/original.json", () => originalJson((n) => wnid(n === 5 ? 2000 : originalClass(n)))], run: (f) => importOriginalLabels(ctx, f), where: /^image_filenames position \d+$/, problem: /Unknown wnid "n10002000"/ },
  { name: "file number 50001", input: ["bad/50001.json", () => northcuttJson([{ ...NORTHCUTT[0]!, id: 50_001 }])], run: (f) => importNorthcutt(ctx, f), where: /^position 0, field id$/, problem: /outside 1\.\.50000/ },
  { name: "a float .npy", input: ["bad/float.npy", () => npy("<f8", [12, 5])], run: intoFixtureModel, where: /^header$/, problem: /integer class indices/ },
  { name: "a .npy with too few rows", input: ["bad/rows.npy", () => npy("<i8", [5, 5])], run: intoFixtureModel, where: /^header$/, problem: /Expected 12 rows \(one per image\), found 5/ },
  { name: "a 3-D .npy", input: ["bad/3d.npy", () => npy("<i8", [2, 5, 2])], run: intoFixtureModel, where: /^header$/, problem: /Expected shape/ },
  { name: "an image twice in a CSV", input: ["bad/twice.csv", () => tsiprasCsv([...TSIPRAS_ROWS, `${valName(1)},A,357,357,True`])], run: (f) => importTsipras(ctx, f), where: /^line 8$/, problem: /Image 1 appears twice/ },
  { name: "an image key twice in a JSON object", input: ["bad/twice/fixture_mistakes.json", () => mistakesJson([[1, 356], [2, 5], [1, 7]])], run: (f) => importMistakes(ctx, f), where: /^line 4, column \d+$/, problem: /appears twice/ },
  {
    name: "predictions naming only images outside the dataset",
    input: ["bad/elsewhere.csv", () => ["file,class,score", `${valName(OUTSIDE)},357,0.8`, `${valName(OUTSIDE + 1)},356,0.7`].join("\n")],
    run: (f) => importPredictions(ctx, f, { name: "model:elsewhere" }),
    where: null,
    problem: /None of the 2 predictions names an image of dataset "fixture-val"/,
  },
  { name: "a missing file", input: ["bad/missing.csv"], run: (f) => importTsipras(ctx, f), where: null, problem: /No such file/ },
  {
    name: "a text file named .JPEG in an image folder",
    input: [`bad/val/${valName(3)}`, () => "not an image"],
    run: () => importImageFolder(ctx, at("bad/val")),
    errorFile: at(`bad/val/${valName(3)}`),
    where: /^header$/,
    problem: /not a JPEG, PNG/,
  },
];

describe("class clusters", () => {
  const groupsOf = async (origin: string) =>
    (await client.query<{ codes: number[]; classes: number[] }>(
      `SELECT g.codes, array_agg(m.class_index ORDER BY m.class_index) AS classes
       FROM class_groups g JOIN class_group_members m ON m.group_id = g.id WHERE g.origin = $1 GROUP BY g.id ORDER BY g.id`,
      [origin],
    )).rows;
  const clusters = (groups: { category: number[]; classes: number[] }[]) =>
    JSON.stringify(groups.map(({ category, classes }) => ({ category, classes: Object.fromEntries(classes.map((c) => [String(c), `class ${c}`])) })));

  it("stores each group with exactly its members, and a re-import replaces the file's groups", async () => {
    const file = write("clusters.json", clusters([{ category: [2, 6], classes: [74, 72, 73] }, { category: [5], classes: [620, 681] }, { category: [3], classes: [72, 999] }]));
    expect(await importClassClusters(ctx, file)).toMatchObject({ stored: 3 });
    expect(await groupsOf("clusters.json")).toEqual([
      { codes: [2, 6], classes: [72, 73, 74] },
      { codes: [5], classes: [620, 681] },
      { codes: [3], classes: [72, 999] },
    ]);
    write("clusters.json", clusters([{ category: [1], classes: [1, 2] }]));
    await importClassClusters(ctx, file);
    expect(await groupsOf("clusters.json")).toEqual([{ codes: [1], classes: [1, 2] }]);
    expect((await client.query("SELECT count(*)::int AS n FROM class_group_members m LEFT JOIN class_groups g ON g.id = m.group_id WHERE g.id IS NULL")).rows[0].n).toBe(0);
  });
});

describe("a failing import", () => {
  beforeAll(() => write(`bad/val/${valName(1)}`, PNG));

  it.each(FAILURES)("rejects $name with file and position, keeping the source's data exactly", async ({ input, run, errorFile, where, problem }) => {
    const [relative, content] = input;
    if (content) write(relative, content());
    const before = await exactSnapshot();
    const error = await importErrorOf(run(at(relative)));
    expect(error.file).toBe(errorFile ?? at(relative));
    expect(error.message).toContain(error.file);
    if (where === null) expect(error.where).toBeNull();
    else {
      expect(error.where).toMatch(where);
      expect(error.message).toContain(`(${error.where})`);
    }
    expect(error.problem).toMatch(problem);
    expect(await exactSnapshot()).toEqual(before);
  });
});

describe("a dry run", () => {
  it("reports what would be stored and writes nothing", async () => {
    const before = await exactSnapshot();
    const dry = { ...ctx, dryRun: true };
    const grown = write("dry/finegrained.csv", tsiprasCsv([...TSIPRAS_ROWS, `${valName(6)},A,358,358,True`]));
    expect(await importTsipras(dry, grown)).toMatchObject({ stored: 6, notInDataset: 1 });
    expect(await importOriginalLabels({ ...dry, dataset: "dry-run-only" }, at("original.json"))).toMatchObject({ stored: 12, notInDataset: 0 });
    expect(await importImageFolder(dry, at("val"))).toMatchObject({ stored: 2 });
    expect(await exactSnapshot()).toEqual(before);
  });
});

describe("a cancelled import", () => {
  it("rolls back wherever the cancel lands, including after its rows were written", async () => {
    const changed = write("abort/imagenet_mturk.json", northcuttJson([...NORTHCUTT, mturk(7, 356, { given: 5, guessed: 0, neither: 0, both: 0 })]));
    const rolledBackWrites: boolean[] = [];
    for (let check = 1; check <= 20; check++) {
      const before = await exactSnapshot();
      const sequence = await labelIdSequence();
      const outcome = await importNorthcutt({ ...ctx, signal: signalAbortingAtCheck(check) }, changed).then(() => "committed", (e: unknown) => e);
      if (outcome === "committed") break;
      expect(outcome).toMatchObject({ name: "AbortError" });
      expect(await exactSnapshot()).toEqual(before);
      rolledBackWrites.push((await labelIdSequence()) > sequence);
    }
    // The first cancel lands before the transaction; at least one must land after the rows went in.
    expect(rolledBackWrites[0]).toBe(false);
    expect(rolledBackWrites).toContain(true);
    expect(await rowsOfSource("northcutt")).toBe(4);
  });
});

describe("labels for images outside the dataset", () => {
  it("are counted as notInDataset and never stored", async () => {
    const lists = Array.from({ length: 50_000 }, (_, i) => (i < IMAGES.length ? [originalClass(i + 1)] : []));
    expect(await importReal(ctx, write("real.json", JSON.stringify(lists)))).toMatchObject({ stored: 12, notInDataset: 49_988 });
    expect(await rowsOfSource("real")).toBe(12);
    const { rows } = await client.query("SELECT count(*)::int AS n FROM images WHERE file_number = $1", [OUTSIDE]);
    expect(rows[0].n).toBe(0);
  });
});

describe("predictions", () => {
  it("record how many predictions per image the file published", async () => {
    const { rows } = await client.query("SELECT published_k FROM label_sources WHERE name = 'model:fixture'");
    expect(rows).toEqual([{ published_k: 2 }]);
  });
});
