import { expect, it } from "vitest";
import { percentile, ratioOf, summarise } from "./stats";

it("summarises by nearest rank: the median of 1..100 is 50, p95 is 95, p99 is 99", () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
  expect(summarise(samples)).toEqual({ median: 50, p95: 95, p99: 99, min: 1, max: 100, count: 100 });
});

it("a single sample is every statistic at once", () => {
  expect(summarise([7])).toEqual({ median: 7, p95: 7, p99: 7, min: 7, max: 7, count: 1 });
});

it("percentiles of three samples are observed values", () => {
  expect(percentile([1, 2, 30], 50)).toBe(2);
  expect(percentile([1, 2, 30], 95)).toBe(30);
});

it("refuses to summarise nothing", () => {
  expect(() => summarise([])).toThrow(/No samples/);
});

it("ratio reads as 'times slower than the baseline' for times and for rates", () => {
  const times = { unit: "ms" as const, measured: { what: "", samples: [30, 20, 10] }, baseline: { what: "", samples: [5, 5, 5] } };
  expect(ratioOf(times)).toBe(4);
  const rates = { unit: "per-second" as const, measured: { what: "", samples: [50] }, baseline: { what: "", samples: [200] } };
  expect(ratioOf(rates)).toBe(4);
});
