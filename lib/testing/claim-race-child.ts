/**
 * One "app server" in the claim race test (lib/campaigns/claim-race.test.ts): its own process and
 * connection pool, claiming for many annotators at once when the parent says go.
 *   node --import tsx lib/testing/claim-race-child.ts <url> <campaignId> <depth> <userIdsJson>
 */
import { createInterface } from "node:readline";
import { holdImages } from "@/lib/campaigns/queue";
import { createDb } from "@/lib/db";

const [url, campaignId, depth, users] = process.argv.slice(2);
const db = createDb(url!);
const userIds = JSON.parse(users!) as number[];
await db.$queryRaw`SELECT 1`;
console.log("ready");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
const held = await Promise.all(
  userIds.map((userId) => holdImages(db, userId, Number(campaignId), Number(depth)).then((claims) => claims.length, (error: Error) => `error: ${error.message}`)),
);
console.log(JSON.stringify(held));
await db.$disconnect();
