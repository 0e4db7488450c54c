import { describe, expect, it } from "vitest";
import { SAMPLE_CLASSES, makeClass } from "@/lib/labeling/class-fixtures";
import { className, describeGroups, distinctName, duplicateNames, indexClasses } from "@/lib/labeling/class-lookup";

const lookup = indexClasses(SAMPLE_CLASSES);

describe("class lookup", () => {
  it("names classes by index and falls back to the number", () => {
    expect(className(lookup, 282)).toBe("tiger cat");
    expect(className(lookup, 999)).toBe("#999");
  });

  it("adds the index only to names that occur twice", () => {
    const duplicates = duplicateNames(SAMPLE_CLASSES);
    expect([...duplicates].sort()).toEqual(["crane", "maillot"]);
    expect(distinctName(lookup, duplicates, 517)).toBe("crane (517)");
    expect(distinctName(lookup, duplicates, 282)).toBe("tiger cat");
  });

  it("describes problematic groups with relation names", () => {
    expect(describeGroups(lookup.get(620)!, lookup)).toEqual(["often confused with notebook (near-synonyms)"]);
    expect(describeGroups(lookup.get(282)!, lookup)).toEqual(["often confused with tabby, tiger (look alike to non-experts)"]);
    expect(describeGroups(lookup.get(0)!, lookup)).toEqual([]);
  });

  it("shortens long groups and drops unknown codes", () => {
    const big = makeClass(1, "a", { groups: [{ codes: [99, 3], classes: [1, 2, 3, 4, 5, 6, 7] }] });
    expect(describeGroups(big, lookup)).toEqual(["often confused with #2, #3, #4, #5 and 2 more (subset)"]);
  });
});
