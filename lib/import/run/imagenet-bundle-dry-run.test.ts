import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { DEMO_BUNDLE } from "@/lib/demo/load-demo";
import { importImagenetBundle } from "@/lib/import/run/imagenet-bundle";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("importImagenetBundle dry run", () => {
  // Parses the whole bundle (50,000 images, every source): slow on a shared 2-core machine.
  it("validates every step of the shipped demo bundle on an empty database and writes nothing", { timeout: 180_000 }, async () => {
    const steps: string[] = [];
    const summaries = await importImagenetBundle(
      { url: process.env.DATABASE_URL!, dataset: "imagenet-val", dryRun: true, onProgress: (step) => steps.push(step) },
      DEMO_BUNDLE,
    );
    // Later steps saw what earlier ones would have written: the labels found the 50,000 images.
    expect(summaries.find((s) => s.kind === "real")).toMatchObject({ stored: 50_000, notInDataset: 0 });
    expect(summaries.filter((s) => s.kind === "predictions")).toHaveLength(7);
    expect(steps[0]).toMatch(/^\[1\/\d+\] imagenet-classes\/class_info\.json$/);
    expect(await db.imageClass.count()).toBe(0);
    expect(await db.image.count()).toBe(0);
    expect(await db.labelSource.count()).toBe(0);
  });
});
