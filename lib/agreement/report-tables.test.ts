import { describe, expect, it } from "vitest";
import { computeAgreementReport } from "@/lib/agreement/campaign-report";
import { toCsv } from "@/lib/csv/csv";
import { reportTable } from "@/lib/agreement/report-tables";
import { parseAgreementCsvPath, parseCampaignParam } from "@/lib/validation/agreement";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

const set = (...classes: number[]): DecisionOutcome => ({ classes, ambiguity: null, candidateClasses: [], outsideLabels: [] });
// Two annotators disagreeing on one of two images; "=cmd@x" is an email a spreadsheet would run.
const report = computeAgreementReport({
  campaign: 3,
  annotatorsPerImage: 2,
  decisions: [
    { imageId: 1, annotator: "=cmd@x", outcome: set(1) },
    { imageId: 1, annotator: "b@x", outcome: set(1) },
    { imageId: 2, annotator: "=cmd@x", outcome: set(2) },
    { imageId: 2, annotator: "b@x", outcome: set(3) },
  ],
  consensus: new Map(),
  sources: [{ name: "real", verdicts: new Map([[1, set(1)]]) }],
  classNames: new Map(),
  groups: [],
});

describe("agreement tables", () => {
  it("the pairs table has one row per pair, and its CSV defuses a formula-like annotator", () => {
    const table = reportTable(report, "pairs", { real: "ReaL" });
    expect(table.rows).toEqual([["=cmd@x", "b@x", 2, 0.5, expect.any(Number)]]);
    expect(toCsv(table.columns, table.rows).split("\r\n")[1]).toMatch(/^'=cmd@x,b@x,2,0\.5,/);
  });

  it("the annotators table has three columns per prior study and empty consensus cells before any consensus", () => {
    const table = reportTable(report, "annotators", { real: "ReaL" });
    expect(table.columns.slice(5)).toEqual(["vs real: images", "vs real: agreement", "vs real: κ"]);
    expect(table.rows[1]).toEqual(["b@x", 2, null, null, null, 1, 1, null]);
  });

  it("says for every column of every table whether it holds text, a count or a statistic", () => {
    for (const name of ["summary", "pairs", "classes", "annotators"] as const) {
      const table = reportTable(report, name, { real: "ReaL" });
      expect(table.kinds).toHaveLength(table.columns.length);
    }
  });

  it("the summary and classes tables carry every statistic and every class", () => {
    expect(reportTable(report, "summary", {}).rows.map((row) => row[0])).toHaveLength(6);
    expect(reportTable(report, "classes", {}).rows.map((row) => row[1])).toEqual([1, 2, 3]);
  });
});

describe("agreement URLs", () => {
  it("accepts only known tables with .csv and positive ids", () => {
    expect(parseAgreementCsvPath("12", "pairs.csv")).toEqual({ campaignId: 12, table: "pairs" });
    expect(parseAgreementCsvPath("12", "pairs")).toBeNull();
    expect(parseAgreementCsvPath("12", "secrets.csv")).toBeNull();
    expect(parseAgreementCsvPath("0", "pairs.csv")).toBeNull();
    expect(parseCampaignParam(undefined)).toBe("none");
    expect(parseCampaignParam("7")).toBe(7);
    expect(parseCampaignParam(["7", "8"])).toBeNull();
    expect(parseCampaignParam("7; drop")).toBeNull();
  });
});
