import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { withDatabase } from "@/lib/db/embedded-postgres";
import { adminQuery, TEMPLATE_DATABASE } from "@/lib/testing/postgres-admin";
import { seedClasses, seedConsensus, seedDecisionWithHistory, seedUser } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const sourceUrl = process.env.DATABASE_URL!;
const source = createDb(sourceUrl);
let targetUrl: string;
let target: Db;
let folder: string;
const SLUG = "round-trip";
const files = Array.from({ length: 4 }, (_, i) => `ILSVRC2012_val_${String(i + 1).padStart(8, "0")}.JPEG`);

// Two cases start the real CLI process (a JSON answer, an export streamed to stdout); the rest run its program in this process.
const relabel = (url: string, ...args: string[]) => runRelabelInProcess(args, { DATABASE_URL: url });
const relabelProcess = (url: string, ...args: string[]) => runRelabelCli(args, { DATABASE_URL: url });

/** The dataset as an import leaves it: its taxonomy and its images (decisions name classes of the taxonomy). */
async function seedImages(db: Db) {
  await seedClasses(db, 10);
  const dataset = await db.dataset.create({ data: { slug: SLUG, name: "Round trip" }, select: { id: true } });
  await db.image.createMany({ data: files.map((fileKey, i) => ({ datasetId: dataset.id, fileKey, split: "VAL" as const, fileNumber: i + 1, storagePath: fileKey })) });
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "relabel-export-cli-"));
  // The "empty instance": a second, freshly migrated database on the same test server.
  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(inject("postgresUrl"), `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  targetUrl = withDatabase(inject("postgresUrl"), name);
  target = createDb(targetUrl);
  await Promise.all([seedImages(source), seedImages(target)]);
});
afterAll(async () => {
  await source.$disconnect();
  await target.$disconnect();
});

// A CLI process starts tsx afresh (seconds on a busy machine); these tests wait for it, they time nothing.
describe("campaign create, export and decisions import from the CLI", { timeout: 120_000 }, () => {
  let campaignId: number;
  let annotators: { id: number; email: string }[];

  it("creates a campaign from a file list and from a selection, printing { id, images }", async () => {
    annotators = [await seedUser(source), await seedUser(source), await seedUser(source, "REVIEWER")];
    await writeFile(path.join(folder, "files.txt"), `${files.slice(0, 3).join("\n")}\n`);
    const created = await relabelProcess(sourceUrl, "campaign", "create", "--name", "Round 2", "--annotators-per-image", "2", "--files", path.join(folder, "files.txt"),
      "--members", annotators.map((a) => a.email).join(","), "--dataset", SLUG, "--rule", "majority", "--quorum", "2", "--json");
    expect(created.stderr).toBe("");
    const printed = JSON.parse(created.stdout);
    expect(printed).toEqual({ id: expect.any(Number), images: 3 });
    campaignId = printed.id;
    const campaign = await source.campaign.findUniqueOrThrow({ where: { id: campaignId }, include: { images: true, members: true } });
    expect(campaign).toMatchObject({ name: "Round 2", annotatorsPerImage: 2, consensusRule: "MAJORITY", consensusQuorum: 2 });
    expect(campaign.images.map((i) => i.openSlots)).toEqual([2, 2, 2]);
    expect(campaign.members).toHaveLength(3);

    const bySelection = await relabel(sourceUrl, "campaign", "create", "--name", "All", "--annotators-per-image", "1", "--dataset", SLUG,
      "--selection", JSON.stringify({ rule: { kind: "all" }, withPixels: false }), "--rule", "unanimous");
    expect(JSON.parse(bySelection.stdout)).toEqual({ id: expect.any(Number), images: 4 });
  });

  it("refuses unknown file names with a message naming their lines, creating nothing", async () => {
    await writeFile(path.join(folder, "bad.txt"), `${files[0]}\nmissing.JPEG\n`);
    const before = await source.campaign.count();
    const bad = await relabel(sourceUrl, "campaign", "create", "--name", "x", "--annotators-per-image", "1", "--files", path.join(folder, "bad.txt"), "--dataset", SLUG);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('line 2: unknown file name "missing.JPEG"');
    expect(await source.campaign.count()).toBe(before);
  });

  it("writes each format to a file and to stdout, recording every export", async () => {
    const [a, b, reviewer] = [annotators[0]!, annotators[1]!, annotators[2]!];
    const images = await source.image.findMany({ where: { dataset: { slug: SLUG } }, orderBy: { fileNumber: "asc" }, select: { id: true } });
    await seedDecisionWithHistory(source, { imageId: images[0]!.id, campaignId, userId: a.id, classes: [5], notes: "edited, twice", timeSpentMs: 3100, history: [{ classes: [4] }, { classes: [4, 5], notes: "maybe both" }] });
    await seedDecisionWithHistory(source, { imageId: images[0]!.id, campaignId, userId: b.id, classes: [5], ambiguity: "BLURRY", candidateClasses: [5, 6], outsideLabels: ["vole"] });
    await seedDecisionWithHistory(source, { imageId: images[1]!.id, campaignId, userId: b.id, classes: [], outsideLabels: ["domestic ferret"], notes: "=not a formula" });
    await source.decisionRevision.updateMany({ where: { decision: { imageId: images[1]!.id } }, data: { editedById: reviewer.id } });
    await seedConsensus(source, { imageId: images[0]!.id, campaignId, status: "AGREED", classes: [5], decisionCount: 2, agreement: 0.5 });

    const csv = await relabelProcess(sourceUrl, "export", "--format", "csv", "--campaign", String(campaignId), "--out", "-");
    expect(csv.code).toBe(0);
    expect(csv.stdout.split("\r\n").slice(0, 3)).toEqual([
      "file,labels,status,ambiguous,not_in_imagenet,n_decisions,agreement,method,updated_at",
      expect.stringMatching(new RegExp(`^${files[0]},5,agreed,false,,2,0.5,majority:2,\\d{4}-`)),
      `${files[1]},,unlabeled,false,,0,,,`,
    ]);
    const real = await relabel(sourceUrl, "export", "--format", "real-json", "--campaign", String(campaignId), "--out", path.join(folder, "real.json"), "--json");
    expect(JSON.parse(await readFile(path.join(folder, "real.json"), "utf8"))).toEqual([[5], [], [], []]);
    expect(JSON.parse(real.stderr)).toMatchObject({ format: "real-json", dataset: SLUG, campaign: campaignId, rows: 4, images: 3, consensusRows: 1 });
    const clean = await relabel(sourceUrl, "export", "--format", "clean-list", "--campaign", String(campaignId), "--out", path.join(folder, "clean.txt"), "--min-decisions", "3");
    expect(clean.code).toBe(0);
    expect(await readFile(path.join(folder, "clean.txt"), "utf8")).toBe("");
    const jsonl = await relabel(sourceUrl, "export", "--format", "jsonl", "--campaign", String(campaignId), "--out", path.join(folder, "round.jsonl"));
    expect(jsonl.code).toBe(0);
    const history = await source.export.findMany({ orderBy: { id: "asc" }, select: { format: true, status: true, campaignId: true, options: true } });
    expect(history.map((h) => [h.format, h.status, h.campaignId])).toEqual([["CSV", "SUCCEEDED", campaignId], ["REAL_JSON", "SUCCEEDED", campaignId], ["CLEAN_LIST", "SUCCEEDED", campaignId], ["JSONL", "SUCCEEDED", campaignId]]);
    expect(history[0]!.options).toMatchObject({ out: "stdout" });
    expect(history[2]!.options).toMatchObject({ out: path.join(folder, "clean.txt"), clean: { minDecisions: 3 } });
  });

  it("an unknown campaign is a clear error", async () => {
    const missing = await relabel(sourceUrl, "export", "--format", "csv", "--campaign", "999999", "--out", "-");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("That campaign was not found.");
  });

  it("re-imports the JSONL export losslessly into an empty instance", async () => {
    const created = await relabel(targetUrl, "campaign", "create", "--name", "Imported", "--annotators-per-image", "2", "--files", path.join(folder, "files.txt"), "--dataset", SLUG);
    const targetCampaign = JSON.parse(created.stdout).id as number;
    const refused = await relabel(targetUrl, "decisions", "import", "--campaign", String(targetCampaign), path.join(folder, "round.jsonl"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("unknown user");
    const imported = await relabel(targetUrl, "decisions", "import", "--campaign", String(targetCampaign), path.join(folder, "round.jsonl"), "--create-users");
    expect(imported.stderr).toBe("");
    expect(JSON.parse(imported.stdout)).toEqual({ campaign: targetCampaign, decisions: 3, revisions: 5, usersCreated: 3, skipped: 0 });

    const read = (db: Db, id: number) =>
      db.decision.findMany({
        where: { campaignId: id },
        include: { image: { select: { fileKey: true } }, user: { select: { email: true } }, revisions: { orderBy: { version: "asc" }, include: { editedBy: { select: { email: true } } } } },
      });
    const shape = (rows: Awaited<ReturnType<typeof read>>) =>
      rows
        .map(({ id: _id, imageId: _image, userId: _user, campaignId: _campaign, image, user, revisions, ...fields }) => ({
          ...fields, file: image.fileKey, annotator: user?.email,
          revisions: revisions.map(({ id: _rid, decisionId: _did, editedById: _eid, requestId: _req, editedBy, ...revision }) => ({ ...revision, editedBy: editedBy?.email ?? null })),
        }))
        .sort((x, y) => `${x.file}${x.annotator}`.localeCompare(`${y.file}${y.annotator}`));
    const before = shape(await read(source, campaignId));
    const after = shape(await read(target, targetCampaign));
    expect(before).toHaveLength(3);
    expect(after).toEqual(before);
    expect(after.find((d) => d.notes === "edited, twice")!.revisions.map((r) => r.classes)).toEqual([[4], [4, 5], [5]]);
  });
});
