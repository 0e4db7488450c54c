/**
 * Precision and recall of the near-duplicate detector at the default threshold, on derived copies
 * of the demo's real ImageNet images (built here with sharp) among unrelated real images.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLD, findDuplicateGroups, type HashedImage } from "@/lib/duplicates/grouping";
import { fingerprintImage } from "@/lib/duplicates/hashes";
import { DERIVATIONS, type Derivation } from "@/lib/testing/duplicate-fixtures";

const DEMO = path.resolve(import.meta.dirname, "../../prisma/demo");
const ORIGINALS = 30;

interface Item extends HashedImage {
  /** The real image it shows: its own name for originals and unrelated images. */
  family: string;
  how: Derivation | null;
}

const items: Item[] = [];

async function realImages(folder: string): Promise<string[]> {
  const names = (await readdir(path.join(DEMO, folder))).filter((name) => /^(ILSVRC2012_val_|n\d{8}_).*\.JPEG$/.test(name));
  return names.sort().map((name) => path.join(DEMO, folder, name));
}

beforeAll(async () => {
  const files = [...(await realImages("imagenet-val-images")), ...(await realImages("imagenet-sample-images"))];
  const add = async (bytes: Buffer, family: string, how: Derivation | null) => {
    const print = await fingerprintImage(bytes);
    items.push({ id: items.length + 1, contentHash: null, pixelHash: print.pixelHash, phash: print.phash, phashMirror: print.phashMirror, family, how });
  };
  for (const [position, file] of files.entries()) {
    const bytes = await readFile(file);
    await add(bytes, file, null);
    if (position >= ORIGINALS) continue;
    for (const [how, derive] of Object.entries(DERIVATIONS)) await add(await derive(bytes), file, how as Derivation);
  }
}, 180_000);

function pairKey(a: number, b: number) {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

describe("near-duplicate detector on derived demo images", () => {
  it(`finds derived copies with high precision and recall at the default threshold (${DEFAULT_THRESHOLD} bits)`, () => {
    const groups = findDuplicateGroups(items, DEFAULT_THRESHOLD);
    const predicted = new Set<string>();
    for (const group of groups) {
      const ids = group.members.map((m) => m.imageId);
      for (const [i, a] of ids.entries()) for (const b of ids.slice(i + 1)) predicted.add(pairKey(a, b));
    }
    const byId = new Map(items.map((item) => [item.id, item]));
    const truth = new Set<string>();
    for (const [i, a] of items.entries()) for (const b of items.slice(i + 1)) if (a.family === b.family) truth.add(pairKey(a.id, b.id));
    const truePositives = [...predicted].filter((key) => truth.has(key)).length;
    const precision = truePositives / predicted.size;
    const recall = truePositives / truth.size;

    // Recall per derivation: is the derived copy in a group with its original?
    const perDerivation: Record<string, string> = {};
    for (const how of Object.keys(DERIVATIONS)) {
      const derived = items.filter((item) => item.how === how);
      const found = derived.filter((item) => {
        const original = items.find((o) => o.family === item.family && o.how === null)!;
        return predicted.has(pairKey(original.id, item.id));
      }).length;
      perDerivation[how] = `${found}/${derived.length}`;
    }
    const falsePairs = [...predicted].filter((key) => !truth.has(key)).map((key) => key.split(":").map((id) => path.basename(byId.get(Number(id))!.family)));
    console.log(JSON.stringify({ images: items.length, truePairs: truth.size, predictedPairs: predicted.size, precision, recall, perDerivation, falsePairs }));

    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    for (const how of ["resized", "mirror", "recompressed", "colour-shifted"] as const) expect(perDerivation[how]).toBe(`${ORIGINALS}/${ORIGINALS}`);
  });
});
