import { afterAll, describe, expect, it } from "vitest";
import { listMyRecentDecisions } from "@/lib/data/my-decisions";
import { db } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";

afterAll(() => db.$disconnect());

describe("listMyRecentDecisions", () => {
  it("finds an ambiguous decision by a class it names as possible, and matches % and _ literally", async () => {
    await seedClasses(db, 10);
    const { datasetId, imageIds } = await seedDataset(db, 3);
    const [me, other] = [await seedUser(db), await seedUser(db)];
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [me.id, other.id] });
    await seedDecisions(db, campaignId, [
      { imageId: imageIds[0]!, userId: me.id, classes: [1] },
      { imageId: imageIds[1]!, userId: me.id, ambiguity: "SEVERAL_CLASSES_POSSIBLE", candidateClasses: [2, 3] },
      { imageId: imageIds[2]!, userId: me.id, outsideLabels: ["50% cake"] },
      { imageId: imageIds[1]!, userId: other.id, classes: [3] },
    ]);
    const files = async (query: string) => (await listMyRecentDecisions(me.id, query)).map((row) => row.imageId).sort((a, b) => a - b);

    expect(await files("class 3")).toEqual([imageIds[1]]);
    const [ambiguous] = await listMyRecentDecisions(me.id, "n00000002");
    expect(ambiguous).toMatchObject({ imageId: imageIds[1], classNames: [], candidateNames: ["class 2", "class 3"], ambiguity: "SEVERAL_CLASSES_POSSIBLE" });
    expect(await files("%")).toEqual([imageIds[2]]);
    expect(await files("50%")).toEqual([imageIds[2]]);
    // `_` is in every file name here, so it matches them all, as the literal character it is…
    expect(await files("val_0")).toEqual(imageIds);
    // …and not as "any one character".
    expect(await files("val_0_")).toEqual([]);
  });
});
