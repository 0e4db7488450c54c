import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { runExport, type ExportParams } from "@/lib/export/run-export";
import { cleanRuleSchema } from "@/lib/validation/export";
import { seedCampaign, seedConsensus, seedDataset, seedDecisionWithHistory, seedUser } from "@/lib/testing/factories";

const url = process.env.DATABASE_URL!;
const db = createDb(url);
afterAll(() => db.$disconnect());

class Collect extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.text += chunk.toString("utf8");
    callback();
  }
}

async function exportText(params: Omit<ExportParams, "clean"> & { clean?: ExportParams["clean"] }) {
  const sink = new Collect();
  const summary = await runExport(url, { clean: cleanRuleSchema.parse({}), ...params }, sink);
  return { text: sink.text, summary };
}

let datasetId: number;
let imageIds: number[];
let campaignId: number;
let emptyCampaignId: number;
let users: { id: number; email: string }[];

beforeAll(async () => {
  ({ datasetId, imageIds } = await seedDataset(db, 6));
  // A seventh file without a validation number: CSV and JSONL list it, ReaL JSON cannot place it.
  const extra = await db.image.create({ data: { datasetId, fileKey: "extra,=odd.JPEG", split: "TRAIN", storagePath: "extra.JPEG" }, select: { id: true } });
  imageIds.push(extra.id);
  users = await Promise.all([seedUser(db), seedUser(db), seedUser(db, "REVIEWER")]);
  campaignId = await seedCampaign(db, { datasetId, imageIds: imageIds.slice(0, 4).concat(extra.id), memberIds: users.map((u) => u.id), annotatorsPerImage: 2 });
  emptyCampaignId = await seedCampaign(db, { datasetId, imageIds: [], memberIds: [] });
  const [a, b, reviewer] = [users[0]!, users[1]!, users[2]!];

  await seedDecisionWithHistory(db, { imageId: imageIds[0]!, campaignId, userId: a.id, classes: [7], history: [{ classes: [3], notes: "first look" }] });
  await seedDecisionWithHistory(db, { imageId: imageIds[0]!, campaignId, userId: b.id, classes: [7], notes: "=1+1, with \"quotes\"\nand a line" });
  await seedDecisionWithHistory(db, { imageId: imageIds[1]!, campaignId, userId: a.id, classes: [1, 2] });
  await seedDecisionWithHistory(db, { imageId: imageIds[1]!, campaignId, userId: b.id, classes: [], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [1, 2], outsideLabels: ["vole"] });
  await seedDecisionWithHistory(db, { imageId: imageIds[2]!, campaignId, userId: a.id, classes: [9], timeSpentMs: 1234 });

  await seedConsensus(db, { imageId: imageIds[0]!, campaignId, status: "AGREED", classes: [7], decisionCount: 2, agreement: 1, version: 2 });
  await seedConsensus(db, { imageId: imageIds[1]!, campaignId, status: "RESOLVED", classes: [2, 1], ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [1, 2], outsideLabels: ["vole"], method: "reviewer", decisionCount: 2, agreement: 0.25, resolvedById: reviewer.id });
  await seedConsensus(db, { imageId: imageIds[2]!, campaignId, status: "IN_PROGRESS", classes: [], decisionCount: 1, method: "majority:2" });
  await seedConsensus(db, { imageId: extra.id, campaignId, status: "AGREED", classes: [4], decisionCount: 2, agreement: 1 });
  // Dataset-level consensus differs from the campaign's, so a scope mix-up shows.
  await seedConsensus(db, { imageId: imageIds[4]!, campaignId: null, status: "AGREED", classes: [11], decisionCount: 3, agreement: 0.8 });
  await seedConsensus(db, { imageId: imageIds[5]!, campaignId: null, status: "EXCLUDED", classes: [], excludeReason: "drawing", method: "reviewer" });

  const source = await db.labelSource.create({ data: { datasetId, name: "real", kind: "STUDY", title: "ReaL" }, select: { id: true } });
  await db.sourceLabel.create({ data: { sourceId: source.id, imageId: imageIds[0]!, status: "LABELED", classes: [7, 8], scores: { "7": 0.9 } } });
  const group = await db.duplicateGroup.create({ data: { datasetId, kind: "exact" }, select: { id: true } });
  await db.duplicateMember.createMany({ data: [imageIds[1]!, imageIds[5]!].map((imageId) => ({ groupId: group.id, imageId })) });
});

/** The database's view of every image in a scope, read with Prisma independently of the export's SQL. */
async function expectedRows(scopeCampaign: number | null) {
  const images = await db.image.findMany({
    where: { datasetId, ...(scopeCampaign ? { campaigns: { some: { campaignId: scopeCampaign } } } : {}) },
    select: { id: true, fileKey: true, fileNumber: true, split: true, consensus: { where: { campaignId: scopeCampaign } }, duplicates: { select: { groupId: true } } },
  });
  return images
    .sort((x, y) => (x.fileNumber ?? Infinity) - (y.fileNumber ?? Infinity) || x.fileKey.localeCompare(y.fileKey))
    .map((image) => ({ image, consensus: image.consensus[0] ?? null }));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(cell), (cell = "");
    else if (char === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += char;
  }
  return rows;
}

describe("exports compared with the database row by row", () => {
  it("ReaL JSON: one list per file number of the dataset, the campaign's settled labels in place", async () => {
    const { text, summary } = await exportText({ format: "real-json", scope: { datasetId, campaignId } });
    const parsed = JSON.parse(text) as number[][];
    expect(parsed).toHaveLength(6);
    const expected = Array.from({ length: 6 }, () => [] as number[]);
    for (const { image, consensus } of await expectedRows(campaignId)) {
      if (image.fileNumber === null || image.split !== "VAL") continue;
      if (consensus && ["AGREED", "RESOLVED"].includes(consensus.status)) expected[image.fileNumber - 1] = [...consensus.classes].sort((a, b) => a - b);
    }
    expect(parsed).toEqual(expected);
    expect(parsed.slice(0, 3)).toEqual([[7], [1, 2], []]);
    expect(summary).toMatchObject({ rows: 6, images: 5, skipped: 1, consensusRows: 4 });
  });

  it("CSV: every image of the scope with its consensus, formula cells neutralised", async () => {
    const { text, summary } = await exportText({ format: "csv", scope: { datasetId, campaignId: null } });
    const [header, ...lines] = parseCsv(text);
    expect(header).toEqual(["file", "labels", "status", "ambiguous", "not_in_imagenet", "n_decisions", "agreement", "method", "updated_at"]);
    const expected = await expectedRows(null);
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const { image, consensus } = expected[i]!;
      const settled = consensus && ["AGREED", "RESOLVED"].includes(consensus.status);
      expect(line).toEqual([
        image.fileKey.startsWith("=") ? `'${image.fileKey}` : image.fileKey,
        settled ? [...consensus.classes].sort((a, b) => a - b).join(" ") : "",
        (consensus?.status ?? "UNLABELED").toLowerCase(),
        String(consensus?.ambiguity != null),
        consensus?.outsideLabels.join("; ") ?? "",
        String(consensus?.decisionCount ?? 0),
        consensus?.agreement == null ? "" : String(consensus.agreement),
        consensus?.method ?? "",
        consensus?.updatedAt.toISOString() ?? "",
      ]);
    });
    expect(lines.map((line) => line[1])).toContain("11");
    expect(summary).toMatchObject({ rows: 7, images: 7, consensusRows: 2 });
  });

  it("JSONL: sources, decisions with every revision and the consensus with its history, per image", async () => {
    const { text, summary } = await exportText({ format: "jsonl", scope: { datasetId, campaignId } });
    const records = text.trimEnd().split("\n").map((line) => JSON.parse(line));
    const expected = await expectedRows(campaignId);
    expect(records.map((r) => r.file)).toEqual(expected.map((e) => e.image.fileKey));
    for (const [i, record] of records.entries()) {
      const { image, consensus } = expected[i]!;
      const decisions = await db.decision.findMany({
        where: { imageId: image.id, campaignId },
        orderBy: { id: "asc" },
        include: { user: { select: { email: true } }, revisions: { orderBy: { version: "asc" }, include: { editedBy: { select: { email: true } } } } },
      });
      expect(record.decisions).toEqual(
        decisions.map((d) => ({
          file: image.fileKey, annotator: d.user?.email ?? null, source: null, campaign: campaignId,
          classes: d.classes, ambiguity: d.ambiguity, candidateClasses: d.candidateClasses, outsideLabels: d.outsideLabels, notes: d.notes,
          timeSpentMs: d.timeSpentMs, shownClasses: d.shownClasses, shownSources: d.shownSources, version: d.version,
          createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
          revisions: d.revisions.map((r) => ({
            version: r.version, classes: r.classes, ambiguity: r.ambiguity, candidateClasses: r.candidateClasses, outsideLabels: r.outsideLabels,
            notes: r.notes, editedBy: r.editedBy?.email ?? null, createdAt: r.createdAt.toISOString(),
          })),
        })),
      );
      if (!consensus) {
        expect(record.consensus).toBeNull();
        continue;
      }
      const history = await db.consensusRevision.findMany({ where: { consensusId: consensus.id }, orderBy: { version: "asc" } });
      expect(record.consensus).toMatchObject({ status: consensus.status, classes: consensus.classes, method: consensus.method, version: consensus.version, updatedAt: consensus.updatedAt.toISOString() });
      expect(record.consensus.history.map((h: { version: number; note: string }) => [h.version, h.note])).toEqual(history.map((h) => [h.version, h.note]));
    }
    expect(records[0].sources).toEqual([expect.objectContaining({ source: "real", kind: "STUDY", status: "LABELED", classes: [7, 8], scores: { "7": 0.9 } })]);
    expect(records[0].decisions[0].revisions.map((r: { classes: number[] }) => r.classes)).toEqual([[3], [7]]);
    expect(records[1].consensus.resolvedBy).toBe(users[2]!.email);
    expect(summary).toMatchObject({ rows: 5, images: 5 });
  });

  it("clean list: the files whose consensus passes the chosen rule", async () => {
    const byDefault = await exportText({ format: "clean-list", scope: { datasetId, campaignId } });
    // File 2's resolved consensus is ambiguous: out by default, in when ambiguity is allowed.
    expect(byDefault.text).toBe("ILSVRC2012_val_00000001.JPEG\nextra,=odd.JPEG\n");
    const loose = await exportText({ format: "clean-list", scope: { datasetId, campaignId }, clean: cleanRuleSchema.parse({ excludeAmbiguous: false }) });
    expect(loose.text).toBe("ILSVRC2012_val_00000001.JPEG\nILSVRC2012_val_00000002.JPEG\nextra,=odd.JPEG\n");
    const strict = await exportText({ format: "clean-list", scope: { datasetId, campaignId }, clean: cleanRuleSchema.parse({ excludeMultilabel: true, excludeDuplicates: true, minDecisions: 2, excludeAmbiguous: false }) });
    expect(strict.text).toBe("ILSVRC2012_val_00000001.JPEG\nextra,=odd.JPEG\n");
    expect(strict.summary.rows).toBe(2);
  });
});

describe("edge cases", () => {
  it("an empty campaign exports valid, empty files and says it read no image", async () => {
    const real = await exportText({ format: "real-json", scope: { datasetId, campaignId: emptyCampaignId } });
    expect(JSON.parse(real.text)).toEqual(Array.from({ length: 6 }, () => []));
    expect(real.summary).toMatchObject({ images: 0, consensusRows: 0, consensusUpdatedAt: null });
    const csv = await exportText({ format: "csv", scope: { datasetId, campaignId: emptyCampaignId } });
    expect(parseCsv(csv.text)).toHaveLength(1);
    for (const format of ["jsonl", "clean-list"] as const) {
      const result = await exportText({ format, scope: { datasetId, campaignId: emptyCampaignId } });
      expect(result.text).toBe("");
      expect(result.summary).toMatchObject({ rows: 0, images: 0, bytes: 0 });
    }
  });

  it("two exports at once each come out as they do alone", async () => {
    const alone = await Promise.all([
      exportText({ format: "jsonl", scope: { datasetId, campaignId } }).then((r) => r.text),
      exportText({ format: "csv", scope: { datasetId, campaignId: null } }).then((r) => r.text),
    ]);
    const together = await Promise.all(Array.from({ length: 3 }, () => [
      exportText({ format: "jsonl", scope: { datasetId, campaignId } }),
      exportText({ format: "csv", scope: { datasetId, campaignId: null } }),
    ]).flat());
    together.forEach((result, i) => expect(result.text).toBe(alone[i % 2]));
  });

  it("records the consensus version it read, and the byte count it wrote", async () => {
    const latest = await db.consensus.aggregate({ where: { campaignId }, _max: { updatedAt: true }, _count: true });
    const { text, summary } = await exportText({ format: "csv", scope: { datasetId, campaignId } });
    expect(summary.consensusRows).toBe(latest._count);
    expect(summary.consensusUpdatedAt).toBe(latest._max.updatedAt!.toISOString());
    expect(summary.bytes).toBe(Buffer.byteLength(text));
  });
});
