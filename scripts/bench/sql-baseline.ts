import { performance } from "node:perf_hooks";
import pg from "pg";

/**
 * PostgreSQL's floor for one labeling loop: claim an open image (the queue's SKIP LOCKED pick,
 * slot count and assignment) and insert a decision for it, one transaction in one statement from
 * an open connection. No HTTP, no session, no rendering: what is left when all of that is gone.
 */
const CLAIM_AND_DECIDE = `
  WITH picked AS (
    SELECT ci.image_id FROM campaign_images ci
    WHERE ci.campaign_id = $1 AND ci.open_slots = 1
      AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id AND a.user_id = $2)
    ORDER BY ci.position LIMIT 1
    FOR UPDATE SKIP LOCKED),
  slot AS (
    UPDATE campaign_images ci SET open_slots = open_slots - 1 FROM picked
    WHERE ci.campaign_id = $1 AND ci.image_id = picked.image_id RETURNING ci.image_id),
  held AS (
    INSERT INTO assignments (campaign_id, image_id, user_id, status, expires_at, finished_at)
    SELECT $1, image_id, $2, 'SUBMITTED', now() + interval '1 hour', now() FROM slot RETURNING image_id)
  INSERT INTO decisions (campaign_id, image_id, user_id, classes, candidate_classes, outside_labels, shown_classes, shown_sources, updated_at)
  SELECT $1, image_id, $2, ARRAY[image_id % 1000], '{}', '{}', '{}', '{}', now() FROM held`;

/** `users.length` clients, each one user looping claim + decide for `seconds`: every loop's time and loops per second. */
export async function bareSqlLoops(url: string, campaignId: number, users: readonly number[], seconds: number): Promise<{ latencies: number[]; loopsPerSecond: number }> {
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(users.map(async (userId) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      while (performance.now() < until) {
        const started = performance.now();
        const { rowCount } = await client.query(CLAIM_AND_DECIDE, [campaignId, userId]);
        if (rowCount !== 1) throw new Error("The baseline campaign ran out of images; give it more.");
        latencies.push(performance.now() - started);
      }
    } finally {
      await client.end();
    }
  }));
  return { latencies, loopsPerSecond: latencies.length / seconds };
}
