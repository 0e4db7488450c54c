import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { locateImage } from "@/lib/data/image-files";
import { db } from "@/lib/db";

afterAll(() => db.$disconnect());

// A reviewer may see every image; who else may see which is tested in image-access.test.ts.
const reviewer = { id: 0, role: "REVIEWER" as const };

describe("locateImage", () => {
  const base = mkdtempSync(path.join(tmpdir(), "relabel-images-"));
  const root = path.join(base, "val");
  mkdirSync(root);
  writeFileSync(path.join(base, "secret.txt"), "not an image");

  async function imageAt(storagePath: string, dataset: { imageRoot?: string; urlTemplate?: string }) {
    const created = await db.dataset.create({ data: { slug: `d-${Math.random().toString(36).slice(2, 10)}`, name: "d", ...dataset } });
    const image = await db.image.create({
      data: { datasetId: created.id, fileKey: path.basename(storagePath), split: "VAL", storagePath, contentHash: "abc123" },
    });
    return image.id;
  }

  it("serves a file inside the image root with a content-hash ETag", async () => {
    writeFileSync(path.join(root, "ILSVRC2012_val_00000001.JPEG"), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    const location = await locateImage(reviewer, await imageAt("ILSVRC2012_val_00000001.JPEG", { imageRoot: root }));
    expect(location).toMatchObject({ kind: "file", size: 4, etag: '"abc123"', contentType: "image/jpeg" });
  });

  it("never leaves the image root, whatever the stored path says", async () => {
    expect(await locateImage(reviewer, await imageAt("../secret.txt", { imageRoot: root }))).toEqual({ kind: "missing" });
    expect(await locateImage(reviewer, await imageAt(path.join(base, "secret.txt"), { imageRoot: root }))).toEqual({ kind: "missing" });
  });

  it("reports missing pixels and unknown ids", async () => {
    expect(await locateImage(reviewer, await imageAt("ILSVRC2012_val_00000002.JPEG", { imageRoot: root }))).toEqual({ kind: "missing" });
    expect(await locateImage(reviewer, 2_000_000_000)).toBeNull();
  });

  it("fills a URL template with the encoded file key", async () => {
    const id = await imageAt("n01440764/ILSVRC2012_val_00000293.JPEG", { urlTemplate: "https://cdn.example.org/val/{file}" });
    expect(await locateImage(reviewer, id)).toEqual({ kind: "url", url: "https://cdn.example.org/val/n01440764/ILSVRC2012_val_00000293.JPEG" });
  });
});
