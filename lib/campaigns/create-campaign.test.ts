import { afterAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createDb } from "@/lib/db";
import { seedDataset, seedUser } from "@/lib/testing/factories";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

const spec = (datasetId: number, imageIds: number[]) => ({ datasetId, name: "c", instructions: "", annotatorsPerImage: 1, showPriorLabels: false, selection: {}, imageIds, memberIds: [], createdById: null });

/** The planner's estimate of the queue rows of a campaign. */
async function estimatedQueueRows(campaignId: number): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>(`EXPLAIN (FORMAT JSON) SELECT * FROM campaign_images WHERE campaign_id = ${campaignId}`);
  return row!["QUERY PLAN"][0].Plan["Plan Rows"];
}

describe("createCampaign", () => {
  it("leaves the planner knowing a large new queue, whatever the statistics said before it", async () => {
    const small = await seedDataset(db, 200);
    await createCampaign(db, spec(small.datasetId, small.imageIds));
    // What autovacuum leaves behind before the large campaign exists: every queue row is the small campaign's.
    await db.$executeRaw`ANALYZE campaign_images`;
    const large = await seedDataset(db, 12_000);
    const campaignId = await createCampaign(db, spec(large.datasetId, large.imageIds));
    // Without fresh statistics the estimate is a row or two, and claims read the whole queue.
    expect(await estimatedQueueRows(campaignId)).toBeGreaterThan(6_000);
  });

  it("queues every selected image once, in a shuffled order, with k open slots each", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 500);
    const user = await seedUser(db);
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const campaignId = await createCampaign(
      db,
      { datasetId, name: "c", instructions: "", annotatorsPerImage: 3, showPriorLabels: false, selection: {}, imageIds: [...imageIds, imageIds[0]!], memberIds: [user.id], createdById: user.id },
      random,
    );
    const queue = await db.campaignImage.findMany({ where: { campaignId }, orderBy: { position: "asc" } });
    expect(queue).toHaveLength(500);
    expect(queue.map((entry) => entry.position)).toEqual([...Array(500).keys()]);
    expect(new Set(queue.map((entry) => entry.imageId))).toEqual(new Set(imageIds));
    expect(queue.every((entry) => entry.openSlots === 3)).toBe(true);
    expect(queue.map((entry) => entry.imageId)).not.toEqual(imageIds);
    expect(await db.campaignMember.count({ where: { campaignId } })).toBe(1);
    // The stored size counts the duplicate once, like the queue.
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).imageCount).toBe(500);
  });

  it("audits the creation in its transaction: when the audit write fails, no campaign exists", async () => {
    const { datasetId, imageIds } = await seedDataset(db, 5);
    const user = await seedUser(db, "ADMIN");
    const spec = { datasetId, name: "audited", instructions: "", annotatorsPerImage: 1, showPriorLabels: true, selection: {}, imageIds, memberIds: [user.id], createdById: user.id };
    const id = await createCampaign(db, spec);
    expect(await db.auditLog.findMany({ where: { entity: "campaign", entityId: String(id) } })).toEqual([
      expect.objectContaining({ userId: user.id, action: "campaign.create", details: { images: 5, members: 1 } }),
    ]);

    await db.$executeRawUnsafe(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END; $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
    try {
      const before = await db.campaign.count();
      await expect(createCampaign(db, { ...spec, name: "never" })).rejects.toThrow(/audit unavailable/);
      expect(await db.campaign.count()).toBe(before);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER test_refuse_audit ON audit_log`);
      await db.$executeRawUnsafe(`DROP FUNCTION test_refuse_audit()`);
    }
  });
});
