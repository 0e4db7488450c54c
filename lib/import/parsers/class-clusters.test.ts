import { describe, expect, it } from "vitest";
import { parseClassClusters } from "./class-clusters";
import { describeWithSharedData, expectImportError, fuzzText } from "./test-helpers";

const SAMPLE = JSON.stringify([
  { category: [6, 2], classes: { "815": "spider web, spider's web", "72": "black and gold garden spider" } },
  { category: [5], classes: { "836": "sunglass", "837": "sunglasses, dark glasses, shades" } },
]);

describe("parseClassClusters", () => {
  it("reads groups with several codes, classes sorted by index", () => {
    expect(parseClassClusters(SAMPLE, "clusters.json")).toEqual([
      { codes: [2, 6], classes: [72, 815] },
      { codes: [5], classes: [836, 837] },
    ]);
  });

  it("rejects unknown codes, non-index keys, single-class groups and out-of-range classes", () => {
    const group = (g: unknown) => JSON.stringify([g]);
    expectImportError(() => parseClassClusters(group({ category: [7], classes: { "1": "a", "2": "b" } }), "c.json"), { file: "c.json", where: "group 0", problem: /Category code 7/ });
    expectImportError(() => parseClassClusters(group({ category: [], classes: { "1": "a", "2": "b" } }), "c.json"), { file: "c.json", where: "group 0", problem: /non-empty list of codes/ });
    expectImportError(() => parseClassClusters(group({ category: [1], classes: { tench: "a", "2": "b" } }), "c.json"), { file: "c.json", where: "group 0", problem: /"tench" is not a class index/ });
    expectImportError(() => parseClassClusters(group({ category: [1], classes: { "1": "a" } }), "c.json"), { file: "c.json", where: "group 0", problem: /at least two classes/ });
    expectImportError(() => parseClassClusters(group({ category: [1], classes: { "1": "a", "10": "b" } }), "c.json", 10), { file: "c.json", where: "group 0", problem: /0\.\.9/ });
    expectImportError(() => parseClassClusters(group({ category: [1], classes: [1, 2] }), "c.json"), { file: "c.json", where: "group 0", problem: /"classes" must be an object/ });
  });

  it("never fails with anything but an ImportError", () => {
    fuzzText(SAMPLE, (text) => parseClassClusters(text, "f.json"));
  });
});

describeWithSharedData("clusters.json (real data)", (data) => {
  it("keeps every group, code and class of the raw file", () => {
    const raw = data.json("flaws-of-imagenet/clusters.json") as { category: number[]; classes: Record<string, string> }[];
    const groups = parseClassClusters(data.text("flaws-of-imagenet/clusters.json"), "clusters.json");
    expect(groups).toHaveLength(raw.length);
    groups.forEach((g, i) => {
      expect(g.codes).toEqual([...raw[i]!.category].sort((a, b) => a - b));
      expect(g.classes).toEqual(Object.keys(raw[i]!.classes).map(Number).sort((a, b) => a - b));
    });
  });
});
