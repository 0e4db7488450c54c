import { afterAll, describe, expect, it } from "vitest";
import { loadCampaignAgreement } from "@/lib/agreement/load-campaign-agreement";
import { createDb } from "@/lib/db";
import { seedAgreementCampaign } from "@/lib/testing/agreement-fixture";
import { seedCampaign, seedDataset, seedDecision, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("loading a campaign's agreement from PostgreSQL", () => {
  it("gives the hand-computed figures for three annotators, their consensus and a study", async () => {
    const { campaignId, emails, groupId } = await seedAgreementCampaign(db);
    const [a, b, c] = emails;
    const loaded = await loadCampaignAgreement(db, campaignId);
    expect(loaded!.name).toMatch(/^Agreement /);
    expect(loaded!.sourceTitles).toEqual({ real: "ReaL (Beyer et al. 2020)" });
    const report = loaded!.report;
    expect(report).toMatchObject({ campaign: campaignId, images: 4, decisions: 12, annotators: emails });
    expect(report.percentAgreement).toBeCloseTo(7 / 12, 10);
    expect(report.cohenKappa.pairs.map((pair) => [pair.a, pair.b, pair.n])).toEqual([[a, b, 4], [a, c, 3], [b, c, 3]]);
    expect(report.cohenKappa.mean).toBeCloseTo(89 / 252, 10);
    expect(report.fleissKappa.kappa).toBeCloseTo(13 / 58, 10);
    expect(report.krippendorffAlpha.nominal).toBeCloseTo(22 / 47, 10);
    expect(report.krippendorffAlpha.jaccard).toBeCloseTo(49 / 89, 10);
    expect(report.krippendorffAlpha.masi).toBeCloseTo(71 / 136, 10);
    expect(report.perClass.find((row) => row.kind === "class" && row.id === 1)).toMatchObject({ label: "class 1", images: 2, decisions: 5 });
    expect(report.perClass.find((row) => row.kind === "group" && row.id === groupId)).toMatchObject({ decisions: 6, kappa: 1 });
    // Only AGREED and RESOLVED consensus rows count; the DISAGREED one on image 3 has no outcome.
    expect(report.perAnnotator[0]).toMatchObject({ annotator: a, n: 5, vsConsensus: { n: 2, agreement: 0.5, kappa: 0 } });
    expect(Object.keys(report.perAnnotator[0]!.vsSources)).toEqual(["real"]);
    expect(report.perAnnotator[0]!.vsSources.real!.kappa).toBeCloseTo(3 / 7, 10);
    expect(report.perAnnotator[2]!.vsSources.real!.kappa).toBeCloseTo(4 / 7, 10);
  });

  it("reports no consensus yet and no pairable image for a campaign with one decision per image", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 2);
    const user = await seedUser(db);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [user.id] });
    await seedDecision(db, { campaignId, imageId: imageIds[0]!, userId: user.id, classes: [4] });
    const { report } = (await loadCampaignAgreement(db, campaignId))!;
    expect(report).toMatchObject({ images: 0, decisions: 1, percentAgreement: null, perAnnotator: [{ annotator: user.email, n: 1, vsConsensus: null, vsSources: {} }] });
  });

  it("answers null for a campaign that does not exist", async () => {
    expect(await loadCampaignAgreement(db, 987_654)).toBeNull();
  });
});
