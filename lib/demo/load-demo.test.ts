import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { DEMO_ACCOUNTS, isDemoMode, loadDemo } from "@/lib/demo/load-demo";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("loadDemo", () => {
  it("loads the bundle, the demo accounts, a campaign over the images with pixels and its duplicate groups, once", { timeout: 240_000 }, async () => {
    expect(await loadDemo(db, process.env.DATABASE_URL!, () => {})).toBe(true);
    for (const account of DEMO_ACCOUNTS.users) {
      expect(await authenticate(db, account.email, DEMO_ACCOUNTS.password)).toMatchObject({ ok: true, user: { role: account.role } });
    }
    const campaign = await db.campaign.findFirstOrThrow({ include: { _count: { select: { images: true, members: true } } } });
    expect(campaign).toMatchObject({ status: "ACTIVE", annotatorsPerImage: 2, _count: { images: 96, members: 4 } });
    // The five derived copies in the bundle form four groups with the images they were made from.
    const groups = await db.duplicateGroup.findMany({ select: { kind: true, members: { select: { image: { select: { fileKey: true } } } } } });
    expect(groups.map((g) => [g.kind, g.members.map((m) => m.image.fileKey).sort()]).sort()).toEqual([
      ["exact", ["ILSVRC2012_val_00000003.JPEG", "derived-copy-of-ILSVRC2012_val_00000003.JPEG"]],
      ["near", ["ILSVRC2012_val_00000012.JPEG", "derived-mirror-of-ILSVRC2012_val_00000012.JPEG", "derived-resized-of-ILSVRC2012_val_00000012.JPEG"]],
      ["near", ["ILSVRC2012_val_00000033.JPEG", "derived-colour-shifted-of-ILSVRC2012_val_00000033.JPEG"]],
      ["near", ["ILSVRC2012_val_00000041.JPEG", "derived-recompressed-of-ILSVRC2012_val_00000041.JPEG"]],
    ]);
    const sources = await db.labelSource.findMany({ where: { dataset: { slug: "imagenet-val" } }, select: { name: true } });
    expect(sources.map((source) => source.name).sort()).toEqual(
      ["mistakes:greedy_soups", "mistakes:vit3b", "model:alexnet", "model:cleanlab-cv", "model:inception_resnet_v2_tf", "model:nasnetalarge", "model:pnasnet_large_tf", "model:resnet50", "model:senet154", "northcutt", "original", "real"].sort(),
    );
    expect(await db.image.count({ where: { dataset: { slug: "imagenet-samples" } } })).toBe(54);

    expect(await loadDemo(db, process.env.DATABASE_URL!, () => {})).toBe(false);
    expect(await db.user.count()).toBe(DEMO_ACCOUNTS.users.length);
  });

  it("is on by default only with the embedded database", () => {
    expect(isDemoMode({})).toBe(true);
    expect(isDemoMode({ DATABASE_URL: "postgres://db/relabel" })).toBe(false);
    expect(isDemoMode({ DATABASE_URL: "postgres://db/relabel", RELABEL_DEMO: "1" })).toBe(true);
    expect(isDemoMode({ RELABEL_DEMO: "0" })).toBe(false);
  });
});
