import { describe, expect, it } from "vitest";
import { queueSearch, reviewHref } from "@/lib/review/queue-url";
import { queueParamsSchema } from "@/lib/validation/review";

describe("queue list state in the URL", () => {
  it("round-trips through the search params, leaving defaults out", () => {
    const params = queueParamsSchema.parse({ campaign: "3", status: "all", sort: "file", class: "281", group: "2", source: "real", suspect: "2.5", page: "4" });
    const search = queueSearch(params);
    expect(search).toBe("?campaign=3&status=all&sort=file&class=281&group=2&source=real&suspect=2.5&page=4");
    expect(queueParamsSchema.parse(Object.fromEntries(new URLSearchParams(search)))).toEqual(params);
    expect(queueSearch(queueParamsSchema.parse({}))).toBe("");
    expect(reviewHref(7, 3, params)).toBe(`/review/7?campaign=3&queue=${encodeURIComponent("campaign=3&status=all&sort=file&class=281&group=2&source=real&suspect=2.5")}`);
  });

  it("falls back to the defaults for values it cannot read", () => {
    expect(queueParamsSchema.parse({ status: "nonsense", sort: "x", class: "-1", page: "-2", campaign: "abc", suspect: "99" })).toEqual({ status: "to-review", sort: "score-desc", page: 1 });
    expect(queueParamsSchema.parse({ class: "2147483648" }).class).toBeUndefined();
  });

  it("leaves which class indices exist to the dataset's taxonomy, not to ImageNet's 1000", () => {
    expect(queueParamsSchema.parse({ class: "1000" }).class).toBe(1000);
  });
});
