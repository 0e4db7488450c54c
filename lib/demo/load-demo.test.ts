import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { DEMO_ACCOUNTS, demoModeRefusal, isDemoMode, isLoopbackHost, loadDemo } from "@/lib/demo/load-demo";
import { REPLAY_ANNOTATORS } from "@/lib/demo/replay-campaign";

const db = createDb(process.env.DATABASE_URL!);
afterAll(() => db.$disconnect());

describe("loadDemo", () => {
  it("loads the bundle, the demo accounts, a campaign over the images with pixels and its duplicate groups, once", { timeout: 240_000 }, async () => {
    expect(await loadDemo(db, process.env.DATABASE_URL!, () => {})).toBe(true);
    for (const account of DEMO_ACCOUNTS.users) {
      expect(await authenticate(db, account.email, DEMO_ACCOUNTS.password)).toMatchObject({ ok: true, user: { role: account.role } });
    }
    const campaign = await db.campaign.findFirstOrThrow({ where: { status: "ACTIVE" }, include: { _count: { select: { images: true, members: true } } } });
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
    expect(await db.user.count()).toBe(DEMO_ACCOUNTS.users.length + REPLAY_ANNOTATORS.length);
    // The whole bundle (50,000 images, every source) is imported and hashed: slow on a shared 2-core machine.
  });

  it("adds a finished review campaign replaying ReaL and Northcutt et al., so the reviewer's queue is not empty", async () => {
    const replay = await db.campaign.findFirstOrThrow({ where: { name: "Prior studies, replayed" }, include: { _count: { select: { images: true } } } });
    expect(replay).toMatchObject({ status: "CLOSED", annotatorsPerImage: 2, _count: { images: 91 } });
    expect(replay.instructions).toContain("ReaL");
    const ann = await db.user.findUniqueOrThrow({ where: { email: "real.replay@relabel.demo" } });
    expect(ann.active).toBe(false);
    // The demo's own annotators start with no history.
    expect(await db.decision.count({ where: { user: { email: { in: ["annotator@relabel.demo", "annotator2@relabel.demo"] } } } })).toBe(0);
    const real = await db.labelSource.findFirstOrThrow({ where: { name: "real", dataset: { slug: "imagenet-val" } } });
    // Every replayed ReaL decision carries ReaL's own set.
    const decisions = await db.decision.findMany({ where: { campaignId: replay.id, userId: ann.id, classes: { isEmpty: false } }, select: { imageId: true, classes: true } });
    expect(decisions.length).toBeGreaterThan(50);
    const verdicts = await db.sourceLabel.findMany({ where: { sourceId: real.id, imageId: { in: decisions.map((d) => d.imageId) } }, select: { imageId: true, classes: true } });
    for (const decision of decisions) expect(decision.classes).toEqual([...verdicts.find((v) => v.imageId === decision.imageId)!.classes].sort((a, b) => a - b));
    const byStatus = await db.consensus.groupBy({ by: ["status"], where: { campaignId: replay.id }, _count: true });
    const count = (status: string) => byStatus.find((row) => row.status === status)?._count ?? 0;
    expect(count("DISAGREED")).toBeGreaterThan(0);
    expect(count("AGREED")).toBeGreaterThan(0);
    expect(await db.campaignImage.aggregate({ where: { campaignId: replay.id }, _sum: { openSlots: true } })).toEqual({ _sum: { openSlots: 0 } });
  });

  it("is on by default only with the embedded database", () => {
    expect(isDemoMode({})).toBe(true);
    expect(isDemoMode({ DATABASE_URL: "postgres://db/relabel" })).toBe(false);
    expect(isDemoMode({ DATABASE_URL: "postgres://db/relabel", RELABEL_DEMO: "1" })).toBe(true);
    expect(isDemoMode({ RELABEL_DEMO: "0" })).toBe(false);
  });

  it("is refused by default on a production build or a host others can reach, unless RELABEL_DEMO=1 says so", () => {
    expect(isDemoMode({ NODE_ENV: "production" })).toBe(false);
    expect(demoModeRefusal({ NODE_ENV: "production" })).toBe("NODE_ENV is production");
    expect(isDemoMode({ HOST: "0.0.0.0" })).toBe(false);
    expect(demoModeRefusal({ HOST: "0.0.0.0" })).toBe("HOST 0.0.0.0 is not a loopback address");
    expect(isDemoMode({ HOST: "192.168.1.20" })).toBe(false);
    expect(isDemoMode({ HOST: "localhost" })).toBe(true);
    expect(isDemoMode({ HOST: "127.0.0.1" })).toBe(true);
    expect(isDemoMode({ NODE_ENV: "production", HOST: "0.0.0.0", RELABEL_DEMO: "1" })).toBe(true);
    expect(demoModeRefusal({ NODE_ENV: "production", RELABEL_DEMO: "1" })).toBeNull();
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])("counts %s as loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "localhost.example.org", "127.0.0.1.example.org", ""])("does not count %j", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
