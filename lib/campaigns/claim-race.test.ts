import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { seedCampaign, seedDataset, seedUser } from "@/lib/testing/factories";

/*
 * Two processes (as two app servers would be, each with its own connection pool) claim for 100
 * annotators at the same moment. Only the database's locks stand between them and over-assignment.
 */
const url = process.env.DATABASE_URL!;
const db = createDb(url);
const root = path.resolve(import.meta.dirname, "../..");
afterAll(() => db.$disconnect());

function server(campaignId: number, depth: number, userIds: number[]) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "lib/testing/claim-race-child.ts", url, String(campaignId), String(depth), JSON.stringify(userIds)], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let wake = () => {};
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    lines.push(...chunk.split("\n").filter(Boolean));
    wake();
  });
  const line = (index: number) => new Promise<string>((resolve) => {
    const check = () => (lines[index] !== undefined ? resolve(lines[index]!) : (wake = check));
    check();
  });
  return { child, line, go: () => child.stdin!.write("go\n") };
}

describe("claiming from two app servers at once", () => {
  it("never over-assigns an image nor gives one annotator the same image twice", async () => {
    const IMAGES = 60;
    const PER_IMAGE = 2;
    const DEPTH = 2;
    const { datasetId, imageIds } = await seedDataset(db, IMAGES);
    const users = await Promise.all(Array.from({ length: 100 }, () => seedUser(db)));
    const userIds = users.map((user) => user.id);
    const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: userIds, annotatorsPerImage: PER_IMAGE });

    const a = server(campaignId, DEPTH, userIds.slice(0, 50));
    const b = server(campaignId, DEPTH, userIds.slice(50));
    expect(await a.line(0)).toBe("ready");
    expect(await b.line(0)).toBe("ready");
    a.go();
    b.go();
    const held = [...(JSON.parse(await a.line(1)) as (number | string)[]), ...(JSON.parse(await b.line(1)) as (number | string)[])];

    // 200 claims asked for, 120 slots: every slot is taken exactly once, and no request failed.
    expect(held.filter((result) => typeof result === "string")).toEqual([]);
    expect((held as number[]).reduce((sum, n) => sum + n, 0)).toBe(IMAGES * PER_IMAGE);
    const perImage = await db.assignment.groupBy({ by: ["imageId"], where: { campaignId, status: "ACTIVE" }, _count: true });
    expect(perImage).toHaveLength(IMAGES);
    expect(perImage.every((row) => row._count === PER_IMAGE)).toBe(true);
    const pairs = await db.assignment.findMany({ where: { campaignId }, select: { userId: true, imageId: true } });
    expect(new Set(pairs.map((pair) => `${pair.userId}:${pair.imageId}`)).size).toBe(pairs.length);
    const slots = await db.campaignImage.aggregate({ where: { campaignId }, _sum: { openSlots: true }, _min: { openSlots: true } });
    expect(slots).toEqual({ _sum: { openSlots: 0 }, _min: { openSlots: 0 } });
  }, 120_000);
});
