/**
 * Writes the demo's derived duplicates (run once; the files are committed): copies of a few demo
 * validation images made the way the "Flaws of ImageNet" review found them, named as derived.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DERIVATIONS, type Derivation, derivedFileName } from "@/lib/testing/duplicate-fixtures";

const FOLDER = path.resolve(import.meta.dirname, "../prisma/demo/imagenet-val-images");
const MADE: [Derivation | "copy", string][] = [
  ["copy", "ILSVRC2012_val_00000003.JPEG"],
  ["mirror", "ILSVRC2012_val_00000012.JPEG"],
  ["resized", "ILSVRC2012_val_00000012.JPEG"],
  ["colour-shifted", "ILSVRC2012_val_00000033.JPEG"],
  ["recompressed", "ILSVRC2012_val_00000041.JPEG"],
];

for (const [how, original] of MADE) {
  const bytes = await readFile(path.join(FOLDER, original));
  const derived = how === "copy" ? bytes : await DERIVATIONS[how](bytes);
  const name = how === "copy" ? `derived-copy-of-${original}` : derivedFileName(how, original);
  await writeFile(path.join(FOLDER, name), derived);
  console.log(name);
}
