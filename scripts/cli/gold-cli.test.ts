import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedClasses, seedDataset, seedUser, seedVerdicts } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// The first command starts the real CLI process; the others run its program in this process (seconds less each).
const relabel = (...args: string[]) => runRelabelInProcess(args);

describe("relabel gold", () => {
  it("marks from a source where another agrees and from a file, creates a campaign with gold and reports each member as JSON", async () => {
    await seedClasses(db, 100);
    const { datasetId, imageIds } = await seedDataset(db, 6);
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
    await seedVerdicts(db, datasetId, "original", "ORIGINAL", imageIds.map((id, i) => [id, [i]]));
    await seedVerdicts(db, datasetId, "real", "STUDY", imageIds.map((id, i) => [id, i < 3 ? [i] : [i, 99]]));

    const fromSource = await runRelabelCli(["gold", "mark", "--dataset", dataset.slug, "--from-source", "real", "--agrees-with", "original", "--limit", "2", "--json"]);
    expect(fromSource.code).toBe(0);
    expect(JSON.parse(fromSource.stdout)).toEqual({ marked: 2 });

    const file = path.join(tmpdir(), `gold-${datasetId}.jsonl`);
    await writeFile(file, `{"file": "ILSVRC2012_val_00000006.JPEG", "classes": [5, 7]}\n`);
    expect(JSON.parse((await relabel("gold", "mark", "--dataset", dataset.slug, "--file", file, "--json")).stdout)).toEqual({ marked: 1 });
    await writeFile(file, `{"file": "ILSVRC2012_val_00000006.JPEG"}\nnot json\n`);
    const bad = await relabel("gold", "mark", "--dataset", dataset.slug, "--file", file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("line 1");
    expect(bad.stderr).toContain("line 2: not valid JSON");
    // Which classes exist is the dataset's taxonomy, checked before anything is written.
    await writeFile(file, `{"file": "ILSVRC2012_val_00000006.JPEG", "classes": [5000]}\n`);
    const unknownClass = await relabel("gold", "mark", "--dataset", dataset.slug, "--file", file);
    expect(unknownClass.code).toBe(1);
    expect(unknownClass.stderr).toContain("Class 5000 is not one of the dataset's");
    expect(await db.goldAnswer.count({ where: { image: { datasetId } } })).toBe(3);

    const member = await seedUser(db);
    // Images 3–5 are the regular ones (0, 1 and 5 are gold); a share of 0.4 of the queue is 2 gold images beside 3.
    const names = path.join(tmpdir(), `gold-names-${datasetId}.txt`);
    await writeFile(names, [3, 4, 5].map((n) => `ILSVRC2012_val_0000000${n}.JPEG`).join("\n"));
    const created = await relabel(
      "campaign", "create", "--dataset", dataset.slug, "--name", `gold ${datasetId}`, "--annotators-per-image", "1",
      "--files", names, "--members", member.email, "--gold-share", "0.4", "--gold-pause-below", "0.5", "--gold-min-answers", "3",
    );
    expect(created.code).toBe(0);
    const { id } = JSON.parse(created.stdout);
    const report = await relabel("gold", "report", "--campaign", String(id), "--json");
    expect(JSON.parse(report.stdout)).toEqual({
      campaign: id, goldImages: 2, goldShare: 0.4, pauseBelow: 0.5, minAnswers: 3,
      annotators: [{ userId: member.id, name: expect.any(String), email: member.email, answers: 0, exact: null, jaccard: null, paused: false, pausedReason: null, missed: [] }],
    });
    expect((await relabel("gold", "report", "--campaign", "999999")).stderr).toContain("That campaign was not found.");
  }, 90_000);
});
