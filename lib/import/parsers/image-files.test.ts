import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseImageFileName, readImageInfo } from "./image-files";
import { describeWithSharedData, expectImportError, fuzzBytes, sharedDataDir } from "./test-helpers";

// A 1×1 PNG and a 2×3 GIF, hand-made.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const GIF = Buffer.from("R0lGODlhAgADAIAAAP///wAAACwAAAAAAgADAAACAoRRADs=", "base64");

describe("parseImageFileName", () => {
  it("recognizes validation, test, training and sample names, with or without folders", () => {
    expect(parseImageFileName("ILSVRC2012_val_00000293.JPEG")).toEqual({ split: "val", fileNumber: 293 });
    expect(parseImageFileName("val/n01440764/ILSVRC2012_val_00050000.JPEG")).toEqual({ split: "val", fileNumber: 50000 });
    expect(parseImageFileName("C:\\data\\ILSVRC2012_test_00100000.JPEG")).toEqual({ split: "test", fileNumber: 100000 });
    expect(parseImageFileName("train/n01440764/n01440764_10026.JPEG")).toEqual({ split: "train", wnid: "n01440764", fileNumber: 10026 });
    expect(parseImageFileName("n02443484_black-footed_ferret.JPEG")).toEqual({ split: "sample", wnid: "n02443484", name: "black-footed_ferret" });
  });

  it("recognizes a derived copy by the name of the file it was made from", () => {
    expect(parseImageFileName("derived-mirror-of-ILSVRC2012_val_00000012.JPEG")).toEqual({ split: "derived", how: "mirror", of: { split: "val", fileNumber: 12 } });
    expect(parseImageFileName("derived-colour-shifted-of-n01440764_10026.JPEG")).toMatchObject({ how: "colour-shifted", of: { split: "train" } });
    expect(parseImageFileName("derived-mirror-of-derived-mirror-of-ILSVRC2012_val_00000012.JPEG")).toBeNull();
  });

  it("returns null for anything else", () => {
    for (const name of ["derived-mirror-of-notes.JPEG", "ILSVRC2012_val_00000000.JPEG", "ILSVRC2012_val_00050001.JPEG", "ILSVRC2012_val_293.JPEG", "ILSVRC2012_val_00000293.jpg", "n0144076_1.JPEG", "notes.txt", ""]) {
      expect(parseImageFileName(name), name).toBeNull();
    }
  });
});

describe("readImageInfo", () => {
  it("reads size, byte count and sha256 from PNG and GIF by magic bytes", () => {
    expect(readImageInfo(PNG, "a.JPEG")).toEqual({ format: "png", width: 1, height: 1, bytes: PNG.length, sha256: createHash("sha256").update(PNG).digest("hex") });
    expect(readImageInfo(GIF, "b.gif")).toMatchObject({ format: "gif", width: 2, height: 3 });
  });

  it("rejects non-images and damaged headers", () => {
    expectImportError(() => readImageInfo(Buffer.from("<html>not an image</html>"), "x.JPEG"), { file: "x.JPEG", where: "header", problem: /not a JPEG, PNG, GIF or WebP/ });
    expectImportError(() => readImageInfo(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "y.JPEG"), { file: "y.JPEG", where: null, problem: /damaged or truncated|no readable dimensions/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzBytes(PNG, (bytes) => readImageInfo(bytes, "f.png"));
  });
});

describeWithSharedData("image folders (real data)", () => {
  it("every validation image is named by its file number and is a readable JPEG", () => {
    const folder = path.join(sharedDataDir(), "imagenet-val-images");
    const names = readdirSync(folder).filter((f) => f.endsWith(".JPEG"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(parseImageFileName(name)).toEqual({ split: "val", fileNumber: Number(name.slice(15, 23)) });
    }
    for (const name of names.slice(0, 10)) {
      const bytes = readFileSync(path.join(folder, name));
      const info = readImageInfo(bytes, name);
      expect(info).toMatchObject({ format: "jpeg", bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
      expect(info.width * info.height).toBeGreaterThan(0);
    }
  });

  it("sample images are recognized as samples of their wnid", () => {
    const folder = path.join(sharedDataDir(), "imagenet-sample-images");
    for (const name of readdirSync(folder).filter((f) => f.endsWith(".JPEG"))) {
      expect(parseImageFileName(name)).toMatchObject({ split: "sample", wnid: name.slice(0, 9) });
    }
  });
});
