import { describe, expect, it } from "vitest";
import { findImportKind } from "@/lib/import/kinds";
import { bundleStepKinds } from "@/lib/import/run/imagenet-bundle";

describe("the ImageNet bundle", () => {
  it("runs only kinds of the import registry, taxonomy first and original labels before what attaches to images", () => {
    const kinds = bundleStepKinds();
    expect(kinds.filter((kind) => !findImportKind(kind))).toEqual([]);
    expect(kinds[0]).toBe("classes");
    expect(kinds.indexOf("original")).toBeLessThan(kinds.indexOf("real"));
    expect(kinds.indexOf("original")).toBeLessThan(kinds.indexOf("predictions"));
  });
});
