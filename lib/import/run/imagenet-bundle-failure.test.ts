import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { DEMO_BUNDLE } from "@/lib/demo/load-demo";
import { ImportError } from "@/lib/import/import-error";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";

const db = createDb(process.env.DATABASE_URL!);
const folder = mkdtempSync(path.join(tmpdir(), "relabel-bundle-failure-"));
afterAll(async () => {
  await db.$disconnect();
  rmSync(folder, { recursive: true, force: true });
});

const place = (relative: string) => {
  mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
  return path.join(folder, relative);
};

// The bundle reads a step's next file while the one before it writes: a failure must still keep
// exactly the steps before it, as when they ran one after another.
it("a broken file stops the bundle there: the steps before it are kept, nothing of it or after it is", { timeout: 120_000 }, async () => {
  symlinkSync(path.join(DEMO_BUNDLE, "imagenet-classes/class_info.json"), place("imagenet-classes/class_info.json"));
  const original = JSON.parse(readFileSync(path.join(DEMO_BUNDLE, "imagenet-classes/imagenet-validation-original.json"), "utf8")) as { image_filenames: unknown[] };
  writeFileSync(place("imagenet-classes/imagenet-validation-original.json"), JSON.stringify({ image_filenames: original.image_filenames.slice(0, 2_000) }));
  const mistakes = path.join(DEMO_BUNDLE, "imagenet-mistakes/greedy_soups_mistakes.json");
  copyFileSync(mistakes, place("imagenet-mistakes/a_mistakes.json"));
  writeFileSync(place("imagenet-mistakes/b_mistakes.json"), '{"not": "complete');
  copyFileSync(mistakes, place("imagenet-mistakes/c_mistakes.json"));

  const failure = await importImagenetBundle({ url: process.env.DATABASE_URL!, dataset: "imagenet-val" }, folder).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ImportError);
  expect((failure as ImportError).message).toContain("b_mistakes.json");
  const sources = await db.labelSource.findMany({ select: { name: true }, orderBy: { name: "asc" } });
  expect(sources.map((source) => source.name)).toEqual(["mistakes:a", "original"]);
  expect(await db.image.count()).toBe(2_000);
});
