/**
 * The labeling hot path over HTTP, as the labeling screen drives it once open: submit the image on
 * screen (a server action that answers with the images held next, claiming one more), then fetch
 * the workbench data of the newly held image (GET /api/labeling/<campaign>/items), again. The
 * page itself renders once per session, not per image (measured apart: drivePageRenders). Each
 * simulated annotator has one connection and its own session (an autocannon instance in closed
 * loop, a pacedLoops session in open loop), so a connection never carries another annotator's
 * cookie; they run side by side against one or more app servers.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { recomputeCampaign } from "@/lib/consensus/recompute";
import type { Db } from "@/lib/db";
import { seedCampaign, seedClasses, seedDataset, seedUser, FACTORY_PASSWORD } from "@/lib/testing/factories";
import { actionHeaders, actionIds, actionResult, signIn } from "./app-server";
import { pacedLoops } from "./paced-load";

export interface Annotator {
  cookie: string;
  /** The server this annotator talks to (annotators are spread over servers round robin). */
  server: string;
  /** The images this annotator holds, the one on screen first, as the server last answered; shared by copies moved to another server. */
  held: number[];
}

export interface HotPathSetup {
  campaignId: number;
  annotators: Annotator[];
  actions: Record<string, string>;
}

/**
 * A dataset of `count` images carrying what ImageNet's validation images carry: the original
 * label, a study's verdict and the top-5 of three models. A submit's consensus reads them, and so
 * does the items read; on bare images the hot path measured less work than a real campaign does.
 * Analysed, as an import leaves its tables. In SQL, not seedVerdicts/seedPredictions: their
 * createMany of rows built in Node would take minutes for the 1.3M-image campaign's 6.5M rows.
 */
export async function seedLabeledDataset(db: Db, count: number): Promise<{ datasetId: number; imageIds: number[] }> {
  const dataset = await seedDataset(db, count);
  const sources = [
    { name: "original", kind: "ORIGINAL" },
    { name: "real", kind: "STUDY" },
    { name: "model:a", kind: "MODEL" },
    { name: "model:b", kind: "MODEL" },
    { name: "model:c", kind: "MODEL" },
  ] as const;
  for (const [offset, { name, kind }] of sources.entries()) {
    const publishedK = kind === "MODEL" ? 5 : null;
    const { id } = await db.labelSource.create({ data: { datasetId: dataset.datasetId, name, kind, title: name, publishedK }, select: { id: true } });
    if (kind === "MODEL") {
      await db.$executeRaw`
        INSERT INTO predictions (source_id, image_id, classes, scores)
        SELECT ${id}, i.id, ARRAY(SELECT (i.id + ${offset} + k) % 1000 FROM generate_series(0, 4) AS k), '{}'
        FROM images i WHERE i.dataset_id = ${dataset.datasetId}`;
    } else {
      await db.$executeRaw`
        INSERT INTO source_labels (source_id, image_id, status, classes)
        SELECT ${id}, i.id, 'LABELED', ARRAY[(i.id + ${offset}) % 1000] FROM images i WHERE i.dataset_id = ${dataset.datasetId}`;
    }
  }
  await db.$executeRaw`ANALYZE images, source_labels, predictions`;
  return dataset;
}

/** The share of a campaign's images that earlier annotators have labeled before a measure starts (seedCampaignUnderWay). */
const DONE_BEFORE = 0.1;

/**
 * A campaign a tenth done, as a team finds it on any day but the first: three earlier annotators'
 * decisions on its first images (each with its revision, its submitted claim and its slot taken),
 * their consensus from the real recomputation, and statistics over all of it, as autovacuum keeps
 * them. On a campaign measured from empty, the planner kept the plans it made for near-empty
 * tables: every loop read all of the annotator's claims and decisions again (8,000 index entries a
 * loop after 1,600 loops, and growing) until autovacuum came round, so each run measured its own
 * history instead of the hot path.
 */
export async function seedCampaignUnderWay(db: Db, campaignId: number): Promise<void> {
  const earlier = [await seedUser(db), await seedUser(db), await seedUser(db)].map((user) => user.id);
  const [{ count } = { count: 0 }] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM campaign_images WHERE campaign_id = ${campaignId}`;
  await db.$executeRaw`
    WITH picked AS (
      SELECT ci.image_id, (${earlier}::int[])[1 + (row_number() OVER (ORDER BY ci.position))::int % 3] AS user_id
      FROM campaign_images ci WHERE ci.campaign_id = ${campaignId} ORDER BY ci.position LIMIT ${Math.round(count * DONE_BEFORE)}
    ), written AS (
      INSERT INTO decisions (campaign_id, image_id, user_id, classes, candidate_classes, outside_labels, time_spent_ms, updated_at)
      SELECT ${campaignId}, image_id, user_id, ARRAY[image_id % 1000], '{}', '{}', 2000, now() FROM picked
      RETURNING id, image_id, user_id, classes
    ), revisions AS (
      INSERT INTO decision_revisions (decision_id, version, classes, candidate_classes, outside_labels, notes, edited_by_id)
      SELECT id, 1, classes, '{}', '{}', '', user_id FROM written
    ), claims AS (
      INSERT INTO assignments (campaign_id, image_id, user_id, status, expires_at, finished_at)
      SELECT ${campaignId}, image_id, user_id, 'SUBMITTED', now(), now() FROM written
    )
    UPDATE campaign_images ci SET open_slots = ci.open_slots - 1 FROM written WHERE ci.campaign_id = ${campaignId} AND ci.image_id = written.image_id`;
  await recomputeCampaign(db, campaignId);
  await db.$executeRaw`ANALYZE campaign_images, assignments, decisions, decision_revisions, consensus, consensus_revisions`;
}

/** A campaign of `images` images, one annotation each and a tenth done, and `count` annotators signed in over HTTP, each holding its first images. */
export async function seedHotPath(db: Db, servers: readonly string[], images: number, count: number): Promise<HotPathSetup> {
  // Submits are checked against the taxonomy: the classes the decisions name must exist.
  await seedClasses(db);
  const { datasetId, imageIds } = await seedLabeledDataset(db, images);
  const users = [];
  for (let i = 0; i < count; i++) users.push(await seedUser(db));
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: users.map((user) => user.id) });
  await seedCampaignUnderWay(db, campaignId);
  const actions = actionIds(["claimNextImagesAction", "submitDecisionAction"]);
  // One after another: fifty password checks at once exhaust the server's database pool.
  const annotators: Annotator[] = [];
  for (const [i, user] of users.entries()) {
    const server = servers[i % servers.length]!;
    const cookie = await signIn(server, user.email, FACTORY_PASSWORD);
    annotators.push({ server, cookie, held: await startLabeling(server, actions, cookie, campaignId) });
  }
  return { campaignId, annotators, actions };
}

/** What "Start labeling" does: claims ahead through the action; answers the images now held. */
export async function startLabeling(server: string, actions: Record<string, string>, cookie: string, campaignId: number): Promise<number[]> {
  const answer = await fetch(`${server}/label/${campaignId}`, { method: "POST", headers: actionHeaders(actions.claimNextImagesAction!, cookie), body: JSON.stringify([{ campaignId }]) });
  const claimed = actionResult(await answer.text()) as { ok: boolean; data?: number[] } | undefined;
  if (!claimed?.ok || !claimed.data?.length) throw new Error(`Could not claim images of campaign ${campaignId} (${answer.status}).`);
  return claimed.data;
}

export type Step = "submit" | "items";
const STEPS: readonly Step[] = ["submit", "items"];

export interface LoadResult {
  /** Every request's latency (ms) by step, as autocannon timed it. */
  latencies: Record<Step, number[]>;
  /** Completed submit → items loops per second, over all annotators. */
  loopsPerSecond: number;
  requestsPerSecond: number;
  /** Answers that were not 200, or actions that answered { ok: false }. */
  failures: number;
  /** The first failures, to say what went wrong. */
  failureSamples: string[];
  bytes: Record<Step, number>;
}

/**
 * Runs `annotators` for `seconds`. Without a rate each loops as fast as the server answers (closed
 * loop, autocannon); with `requestsPerSecond` the total is spread evenly over them and over time
 * (open loop, pacedLoops: a server slower than the pace lowers the rate it reaches, so read
 * `requestsPerSecond`, and its delay counts in the latencies).
 */
export async function driveHotPath(setup: HotPathSetup, annotators: readonly Annotator[], seconds: number, requestsPerSecond?: number): Promise<LoadResult> {
  const latencies: Record<Step, number[]> = { submit: [], items: [] };
  const bytes: Record<Step, number> = { submit: 0, items: 0 };
  let failures = 0;
  const failureSamples: string[] = [];
  let loops = 0;
  const fail = (what: string) => {
    failures++;
    if (failureSamples.length < 3) failureSamples.push(what.slice(0, 300));
  };
  const sessions = annotators.map((annotator) => hotPathRequests(setup, annotator, fail, () => loops++));
  let requests = 0;
  let elapsed = seconds;
  if (requestsPerSecond) {
    const paced = await pacedLoops(annotators.map((annotator, i) => ({ server: annotator.server, requests: sessions[i]! })), requestsPerSecond / STEPS.length, seconds);
    STEPS.forEach((step, i) => {
      latencies[step] = paced.latencies[i]!;
      bytes[step] = paced.bytes[i]!;
    });
    for (const error of paced.errors) fail(`request error: ${error}`);
    requests = paced.requests;
    elapsed = paced.elapsedSeconds;
  } else {
    const results = await Promise.all(annotators.map((annotator, i) => {
      let step = 0;
      const instance = autocannon({
        url: annotator.server,
        connections: 1,
        duration: seconds,
        // autocannon gives up on a request after 10 s; a saturated server is slower than that and should be measured, not dropped.
        timeout: 60,
        setupClient: (client) => void client.on("reset", () => (step = 0)),
        requests: sessions[i],
      } as autocannon.Options);
      // Responses arrive in request order on a connection; a reset starts again at the submit.
      instance.on("response", (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
        const name = STEPS[step]!;
        latencies[name].push(responseTime);
        bytes[name] += resBytes;
        step = (step + 1) % STEPS.length;
      });
      instance.on("reqError", (error: Error) => fail(`request error: ${error.message}`));
      return instance;
    }));
    requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  }
  return { latencies, bytes, failures, failureSamples, loopsPerSecond: loops / elapsed, requestsPerSecond: requests / elapsed };
}

/** One annotator's loop: submit the image on screen, then fetch the workbench data of the images the answer added. */
function hotPathRequests(setup: HotPathSetup, annotator: Annotator, fail: (what: string) => void, onLoop: () => void): autocannon.Request[] {
  const { campaignId, actions } = setup;
  // The images the submit's answer added to what the screen holds: the ones the browser fetches.
  let fresh: number[] = [];
  return [
    {
      method: "POST",
      setupRequest: (request: autocannon.Request) => ({
        ...request,
        path: `/label/${campaignId}/${annotator.held[0]}`,
        headers: actionHeaders(actions.submitDecisionAction!, annotator.cookie),
        body: JSON.stringify([{
          campaignId,
          imageId: annotator.held[0],
          content: { classes: [annotator.held[0]! % 1000], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" },
          requestId: randomUUID(),
          timeSpentMs: 1500,
          shownClasses: [],
          shownSources: [],
        }]),
      }),
      onResponse: (status: number, body: string) => {
        const result = actionResult(body) as { ok: boolean; data?: { next: number[] } } | undefined;
        if (status !== 200 || !result?.ok || !result.data?.next.length) return fail(`submit ${status}: ${body}`);
        const before = new Set(annotator.held);
        fresh = result.data.next.filter((id) => !before.has(id));
        annotator.held.splice(0, annotator.held.length, ...result.data.next);
        onLoop();
      },
    },
    {
      method: "GET",
      // Nothing new claimed (the campaign ran dry) asks for the last held image, which a reload would fetch too.
      setupRequest: (request: autocannon.Request) => ({
        ...request,
        path: `/api/labeling/${campaignId}/items?ids=${(fresh.length > 0 ? fresh : annotator.held.slice(-1)).join(",")}`,
        headers: { cookie: annotator.cookie },
      }),
      onResponse: (status: number, body: string) => {
        if (status !== 200) return fail(`items ${status}: ${body}`);
        if ((JSON.parse(body) as { items: unknown[] }).items.length === 0) fail("items: none of the held images came back");
      },
    },
  ];
}

/** Server renders of the labeling page (a direct load or reload of the image on screen) by one annotator for `seconds`: latencies and bytes. */
export async function drivePageRenders(setup: HotPathSetup, annotator: Annotator, seconds: number): Promise<{ latencies: number[]; bytes: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  let bytes = 0;
  const instance = autocannon({
    url: annotator.server,
    connections: 1,
    duration: seconds,
    timeout: 60,
    requests: [{ method: "GET", path: `/label/${setup.campaignId}/${annotator.held[0]}`, headers: { cookie: annotator.cookie } }],
  } as autocannon.Options);
  instance.on("response", (_client: unknown, status: number, resBytes: number, responseTime: number) => {
    if (status !== 200) return void failures++;
    latencies.push(responseTime);
    bytes += resBytes;
  });
  await instance;
  return { latencies, bytes: Math.round(bytes / Math.max(1, latencies.length)), failures };
}

/**
 * Images held or labeled by more annotators than the campaign asks for, and open-slot counts that
 * went below zero: both must be 0 after any run, however many servers claimed at once.
 */
export async function overAssigned(url: string, campaignId: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ over: string }>(
      `SELECT count(*) AS over FROM campaign_images ci JOIN campaigns c ON c.id = ci.campaign_id
       WHERE ci.campaign_id = $1 AND (ci.open_slots < 0
         OR (SELECT count(*) FROM assignments a WHERE a.campaign_id = ci.campaign_id AND a.image_id = ci.image_id AND a.status IN ('ACTIVE', 'SUBMITTED')) > c.annotators_per_image
         OR (SELECT count(*) FROM decisions d WHERE d.campaign_id = ci.campaign_id AND d.image_id = ci.image_id) > c.annotators_per_image)`,
      [campaignId],
    );
    return Number(rows[0]!.over);
  } finally {
    await client.end();
  }
}

/** How many transactions (statements outside a transaction count one each) the database committed so far. */
export async function committedTransactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics are a snapshot per transaction; clear it so each call sees fresh counts.
    await client.query("SELECT pg_stat_clear_snapshot()");
    const { rows } = await client.query<{ commits: string }>("SELECT xact_commit AS commits FROM pg_stat_database WHERE datname = current_database()");
    return Number(rows[0]!.commits);
  } finally {
    await client.end();
  }
}

/**
 * The floor any request pays on this machine before the app does anything: `GET /robots.txt`, a
 * static file through Next.js and the proxy, no session, no database. `connections` loop as fast
 * as the server answers, or share `requestsPerSecond` between them.
 */
export async function driveStaticFloor(server: string, connections: number, seconds: number, requestsPerSecond?: number): Promise<{ latencies: number[]; requestsPerSecond: number; failures: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const request: autocannon.Request = { method: "GET", path: "/robots.txt", onResponse: (status) => void (status !== 200 && failures++) };
  if (requestsPerSecond) {
    const paced = await pacedLoops(Array.from({ length: connections }, () => ({ server, requests: [request] })), requestsPerSecond, seconds);
    return { latencies: paced.latencies[0]!, requestsPerSecond: paced.requests / paced.elapsedSeconds, failures: failures + paced.errors.length };
  }
  const instance = autocannon({ url: server, connections, duration: seconds, timeout: 60, requests: [request] } as autocannon.Options);
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status === 200) latencies.push(responseTime);
  });
  const result = await instance;
  return { latencies, requestsPerSecond: result.requests.total / seconds, failures };
}

/**
 * Requests that are signed in and do nothing more: the items route refusing its ids and the submit
 * action refusing its input, each right after the session check (the proxy's token, the handler's,
 * the user re-read from the database). What the app server spends on them is the part of a loop
 * no statement of the hot path can save: Next.js and the session, twice.
 */
export async function driveSignedInFloor(setup: HotPathSetup, annotator: Annotator, step: Step, connections: number, seconds: number): Promise<{ requests: number; failures: number }> {
  const request: autocannon.Request = step === "items"
    ? { method: "GET", path: `/api/labeling/${setup.campaignId}/items?ids=none`, headers: { cookie: annotator.cookie } }
    : { method: "POST", path: `/label/${setup.campaignId}/${annotator.held[0]}`, headers: actionHeaders(setup.actions.submitDecisionAction!, annotator.cookie), body: JSON.stringify([{ campaignId: setup.campaignId }]) };
  let failures = 0;
  const instance = autocannon({
    url: annotator.server,
    connections,
    duration: seconds,
    requests: [{
      ...request,
      // Refused by the handler itself, after the session check; anything else (a redirect to sign-in, an error) is not this floor.
      onResponse: (status: number, body: string) => {
        const refused = step === "items" ? status === 400 : status === 200 && (actionResult(body) as { ok?: boolean } | undefined)?.ok === false;
        if (!refused) failures++;
      },
    }],
  } as autocannon.Options);
  const result = await instance;
  return { requests: result.requests.total, failures };
}
