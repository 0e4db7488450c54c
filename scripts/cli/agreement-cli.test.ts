import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedAgreementCampaign } from "@/lib/testing/agreement-fixture";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// The first case starts the real CLI process; the others run its program in this process (seconds less each).
const relabel = (...args: string[]) => runRelabelInProcess(args);

describe("relabel agreement", { timeout: 90_000 }, () => {
  it("prints the documented JSON with the hand-computed figures", async () => {
    const { campaignId, emails } = await seedAgreementCampaign(db);
    const result = await runRelabelCli(["agreement", "--campaign", String(campaignId), "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(["campaign", "images", "decisions", "percentAgreement", "cohenKappa", "fleissKappa", "krippendorffAlpha", "perClass", "perAnnotator"]);
    expect(parsed).toMatchObject({ campaign: campaignId, images: 4, decisions: 12 });
    expect(parsed.percentAgreement).toBeCloseTo(7 / 12, 10);
    expect(parsed.cohenKappa.pairs[0]).toEqual({ a: emails[0], b: emails[1], n: 4, kappa: expect.closeTo(2 / 3, 10) });
    expect(Object.keys(parsed.fleissKappa)).toEqual(["n", "kappa"]);
    expect(parsed.fleissKappa.kappa).toBeCloseTo(13 / 58, 10);
    expect(Object.keys(parsed.krippendorffAlpha)).toEqual(["nominal", "masi", "jaccard"]);
    expect(parsed.krippendorffAlpha.nominal).toBeCloseTo(22 / 47, 10);
    expect(parsed.perClass[0]).toEqual({ kind: expect.any(String), id: expect.any(Number), label: expect.any(String), classes: expect.any(Array), images: 2, decisions: expect.any(Number), agreement: expect.any(Number), kappa: expect.any(Number) });
    expect(parsed.perAnnotator.map((row: { annotator: string }) => row.annotator)).toEqual(emails);
    expect(parsed.perAnnotator[0]).toMatchObject({ n: 5, vsConsensus: { n: 2, agreement: 0.5, kappa: 0 }, vsSources: { real: { n: 4 } } });
  });

  it("prints a readable summary without --json", async () => {
    const { campaignId } = await seedAgreementCampaign(db);
    const text = await relabel("agreement", "--campaign", String(campaignId));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("12 decisions, 4 images with ≥ 2 decisions");
    expect(text.stdout).toMatch(/Fleiss' κ \(k = 3, 3 images\) 0\.224/);
  });

  it("refuses a campaign that does not exist, and exits 1 with nothing on stdout", async () => {
    const missing = await relabel("agreement", "--campaign", "99999", "--json");
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("relabel: No campaign 99999.");
  });

  it("refuses a malformed campaign id before touching the database", async () => {
    const malformed = await relabel("agreement", "--campaign", "abc");
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain("--campaign takes a campaign id");
  });
});
