import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedCampaign, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { runRelabelCli, runRelabelInProcess } from "@/lib/testing/run-cli";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

// The first run starts the real CLI process; the others run its program in this process (seconds less each).
const relabel = (...args: string[]) => runRelabelInProcess(args);

describe("relabel consensus", () => {
  it("recomputes, stores a new rule, prints the figures as JSON and publishes on request", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 4);
    const users = await Promise.all([seedUser(db), seedUser(db), seedUser(db)]);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((u) => u.id), annotatorsPerImage: 3 });
    // Image 0: 3 × class 1. Image 1: 1, 1, 2. Image 2: one decision. Image 3: none.
    await seedDecisions(db, campaignId, [
      ...users.map((u) => ({ imageId: imageIds[0]!, userId: u.id, classes: [1] })),
      ...users.map((u, i) => ({ imageId: imageIds[1]!, userId: u.id, classes: [i === 2 ? 2 : 1] })),
      { imageId: imageIds[2]!, userId: users[0]!.id, classes: [3] },
    ]);

    const majority = await runRelabelCli(["consensus", "--campaign", String(campaignId), "--json"]);
    expect(majority.code).toBe(0);
    const parsed = JSON.parse(majority.stdout);
    expect(parsed).toMatchObject({ campaign: campaignId, rule: "majority", images: 4, byStatus: { agreed: 2, disagreed: 0, resolved: 0, excluded: 0, inProgress: 1, unlabeled: 1 } });
    expect(typeof parsed.ms).toBe("number");

    const unanimous = await relabel("consensus", "--campaign", String(campaignId), "--rule", "unanimous", "--publish", "--json");
    expect(JSON.parse(unanimous.stdout)).toMatchObject({ rule: "unanimous", byStatus: { agreed: 1, disagreed: 1 }, published: { source: "consensus", version: "1", images: 1 } });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).consensusRule).toBe("UNANIMOUS");

    const quorum = await relabel("consensus", "--campaign", String(campaignId), "--quorum", "1", "--json");
    expect(JSON.parse(quorum.stdout)).toMatchObject({ rule: "majority:1", byStatus: { agreed: 2 } });
  }, 60_000);

  it("refuses an unknown campaign and a quorum with another rule, with a clear message", async () => {
    const unknown = await relabel("consensus", "--campaign", "999999", "--json");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("That campaign was not found.");
    const mixed = await relabel("consensus", "--campaign", "1", "--rule", "unanimous", "--quorum", "2");
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain("--quorum applies to the majority rule only.");
  });
});
