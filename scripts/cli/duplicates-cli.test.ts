import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const root = path.resolve(import.meta.dirname, "../..");
const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// The first scan starts the real CLI process; the others run its program in this process (seconds less each).
const relabel = (...args: string[]) => runRelabelInProcess(args);

describe("relabel duplicates", () => {
  it("scan hashes what is missing and prints the groups as JSON; a second scan hashes nothing; import names a bad line", { timeout: 180_000 }, async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "relabel-cli-dups-"));
    const original = path.join(root, "prisma/demo/imagenet-val-images/ILSVRC2012_val_00000001.JPEG");
    await copyFile(original, path.join(folder, "ILSVRC2012_val_00000001.JPEG"));
    await sharp(original).flop().jpeg({ quality: 90 }).toFile(path.join(folder, "derived-mirror-of-ILSVRC2012_val_00000001.JPEG"));
    await copyFile(path.join(root, "prisma/demo/imagenet-val-images/ILSVRC2012_val_00000002.JPEG"), path.join(folder, "ILSVRC2012_val_00000002.JPEG"));
    const dataset = await db.dataset.create({ data: { slug: "cli-dups", name: "CLI duplicates", imageRoot: folder } });
    for (const name of ["ILSVRC2012_val_00000001.JPEG", "derived-mirror-of-ILSVRC2012_val_00000001.JPEG", "ILSVRC2012_val_00000002.JPEG"]) {
      await db.image.create({ data: { datasetId: dataset.id, fileKey: name, storagePath: name, split: "VAL", bytes: 1 } });
    }

    const first = await runRelabelCli(["duplicates", "scan", "--dataset", "cli-dups", "--json"]);
    expect(first.code, first.stderr).toBe(0);
    const result = JSON.parse(first.stdout);
    expect(result).toMatchObject({ images: 3, hashed: 3, failed: [] });
    expect(typeof result.ms).toBe("number");
    expect(result.groups).toEqual([
      { id: expect.any(Number), kind: "near", members: ["ILSVRC2012_val_00000001.JPEG", "derived-mirror-of-ILSVRC2012_val_00000001.JPEG"] },
    ]);
    const again = JSON.parse((await relabel("duplicates", "scan", "--dataset", "cli-dups", "--json")).stdout);
    expect(again).toMatchObject({ images: 3, hashed: 0 });

    const bad = await relabel("duplicates", "scan", "--dataset", "cli-dups", "--threshold", "70");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("from 0 to 64; got 70");

    const list = path.join(folder, "pairs.csv");
    await writeFile(list, "file_a,file_b,kind\nILSVRC2012_val_00000001.JPEG,unknown.JPEG,exact\n");
    const imported = await relabel("duplicates", "import", list, "--dataset", "cli-dups");
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('(line 2): No image "unknown.JPEG"');
  });
});
