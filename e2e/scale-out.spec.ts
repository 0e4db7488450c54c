import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { PREFETCH_DEPTH } from "../lib/campaigns/queue";
import { appClusterDir, runningServerUrl } from "../lib/db/local-database";
import { FACTORY_PASSWORD, seedCampaign, seedUser } from "../lib/testing/factories";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { E2E_PORT } from "./support/environment";
import { type AppProcess, e2eServerEnv, serverAction, startApp, stopGroup } from "./support/app-process";
import { signInThroughForm } from "./support/sign-in";

/**
 * A team's deployment in small: the e2e server (A, with its worker) and a second app server (B,
 * `npm run serve`) on the same database and secret. Whatever one server starts, the other shows.
 */
const PORT_B = E2E_PORT + 1;
let serverB: AppProcess;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  serverB = startApp("serve", PORT_B, e2eServerEnv(PORT_B));
  await serverB.waitFor("Ready");
  // A fresh next start loads each route on its first request; on a loaded machine that alone can
  // outlast an assertion's timeout, so the routes the tests use are loaded once here.
  for (const route of ["/sign-in", "/api/auth/csrf", "/api/auth/session", "/admin/exports"]) await fetch(`${serverB.baseURL}${route}`);
});

test.afterAll(async () => {
  if (serverB) await stopGroup(serverB);
});

test("an export started through server A is written by a worker and shows its result and file on server B", async ({ page, browser }) => {
  const { campaignId } = await campaignWith([1, 2, 3], []);
  await signInThroughForm(page, ACCOUNTS.admin.email, { path: "/admin/exports" });
  const form = page.getByRole("form", { name: "New export" });
  await form.getByLabel("Format").selectOption("csv");
  await form.getByLabel("Scope").selectOption(`campaign:${campaignId}`);
  await form.getByRole("button", { name: "Export" }).click();
  await expect(form.getByRole("status")).toContainText("queued for the next free worker");
  const exportId = Number((await form.getByRole("status").textContent())!.match(/Export (\d+)/)![1]);

  const contextB = await browser.newContext({ baseURL: serverB.baseURL });
  const pageB = await contextB.newPage();
  await signInThroughForm(pageB, ACCOUNTS.admin.email, { path: "/admin/exports" }).catch(async (error: unknown) => {
    // A slow first sign-in on B is not what this test is about: wait for it to land, then go on.
    await expect(pageB).toHaveURL(/\/admin\/exports$/, { timeout: 60_000 }).catch(() => {
      throw error;
    });
  });
  const row = pageB.getByRole("region", { name: "History" }).getByRole("row").filter({ has: pageB.getByRole("cell", { name: String(exportId), exact: true }) });
  await expect(row).toContainText("succeeded", { timeout: 60_000 });
  const downloading = pageB.waitForEvent("download");
  await row.getByRole("link", { name: `Download export ${exportId}` }).click();
  expect(readFileSync((await (await downloading).path())!, "utf8").split("\n")[0]).toMatch(/^file/);

  await pageB.goto("/admin");
  await pageB.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(pageB.getByRole("heading", { name: "Jobs", level: 1 })).toBeVisible();
  const jobRow = pageB.getByRole("row").filter({ hasText: `Export ${exportId}` });
  await expect(jobRow).toContainText("succeeded");
  await expect(jobRow).toContainText(ACCOUNTS.admin.name);
  await pageB.screenshot({ path: "/tmp/shots/scale-out-jobs.png", fullPage: true });
  await contextB.close();
});

test("100 concurrent claimers split across both servers never over-assign an image nor give one annotator an image twice", async ({ playwright }) => {
  // 100 password checks (argon2) dominate on a busy machine.
  test.setTimeout(180_000);
  const db = e2eDb();
  const images = await db.image.findMany({ where: { bytes: { not: null } }, orderBy: { id: "asc" }, take: 20, select: { id: true, datasetId: true } });
  const users = await Promise.all(Array.from({ length: 100 }, () => seedUser(db, "ANNOTATOR")));
  // 100 claimers of PREFETCH_DEPTH (4) images each ask for 400 slots; 20 images × 25 slots offer 500.
  // The queue hands out the fullest images first, so all of them race for the same rows. Supply must
  // exceed demand: with exactly 400, a claimer still short of 4 can find the last open slots only on
  // images it already holds, which no queue can fix. With 500, at least 5 images stay open while
  // anyone is short, so every claimer, on either server, must end up holding 4.
  const annotatorsPerImage = 25;
  const campaignId = await seedCampaign(db, { datasetId: images[0]!.datasetId, imageIds: images.map((image) => image.id), memberIds: users.map((user) => user.id), annotatorsPerImage });
  const bases = [`http://127.0.0.1:${E2E_PORT}`, serverB.baseURL];

  // Signed in through next-auth's credentials endpoint, each with its own cookie jar, half on each server.
  const clients: { client: APIRequestContext; baseURL: string }[] = [];
  for (let start = 0; start < users.length; start += 10) {
    clients.push(
      ...(await Promise.all(
        users.slice(start, start + 10).map(async (user, offset) => {
          const baseURL = bases[(start + offset) % 2]!;
          const client = await playwright.request.newContext({ baseURL });
          const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
          const signedIn = await client.post("/api/auth/callback/credentials", { form: { csrfToken, email: user.email, password: FACTORY_PASSWORD, json: "true" }, maxRedirects: 0 });
          expect(signedIn.status()).toBeLessThan(400);
          return { client, baseURL };
        }),
      )),
    );
  }

  const action = serverAction("claimNextImagesAction", campaignId);
  const claim = ({ client, baseURL }: (typeof clients)[number]) =>
    client.post(action.path, {
      headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
      data: JSON.stringify([{ campaignId }]),
    });
  // A busy server can reset a connection, and a browser would ask again: a repeated claim tops up
  // the same holding (never more), so retrying does not weaken what is checked below.
  // SKIP LOCKED lets a claimer pass the rows others are locking, so one round of 100 at once can
  // leave some short; a browser asks again when it needs the next image, and so do these claimers,
  // all at once each round, until every one holds its 4.
  const demand = users.length * PREFETCH_DEPTH;
  for (let round = 0; round < 12 && (await db.assignment.count({ where: { campaignId } })) < demand; round++) {
    const answers = await Promise.all(clients.map((client) => claim(client).catch(() => claim(client)).catch(() => claim(client))));
    expect(answers.map((answer) => answer.status()).filter((status) => status !== 200)).toEqual([]);
  }
  await Promise.all(clients.map(({ client }) => client.dispose()));

  const perImage = await db.assignment.groupBy({ by: ["imageId"], where: { campaignId }, _count: true });
  expect(perImage.filter((row) => row._count > annotatorsPerImage)).toEqual([]);
  expect(perImage.reduce((sum, row) => sum + row._count, 0)).toBe(demand);
  const perPair = await db.assignment.groupBy({ by: ["imageId", "userId"], where: { campaignId }, _count: true });
  expect(perPair.filter((row) => row._count > 1)).toEqual([]);
  const perUser = await db.assignment.groupBy({ by: ["userId"], where: { campaignId }, _count: true });
  expect(perUser.filter((row) => row._count !== PREFETCH_DEPTH)).toEqual([]);
  expect(perUser.length).toBe(users.length);
});

test("npm start: a killed embedded PostgreSQL comes back and serves; a signal to every process at once stops it all", async () => {
  test.setTimeout(360_000);
  const home = mkdtempSync(path.join(tmpdir(), "relabel-supervised-"));
  const port = E2E_PORT + 2;
  const app = startApp("start", port, { RELABEL_HOME: home, DATABASE_URL: "", RELABEL_DEMO: "0", NEXTAUTH_SECRET: "", NEXTAUTH_URL: `http://127.0.0.1:${port}` });
  try {
    await app.waitFor("Relabel is running", 150_000);
    const pidFile = path.join(appClusterDir(home), "postmaster.pid");
    const firstPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(firstPid, "SIGKILL");
    await app.waitFor("PostgreSQL stopped unexpectedly; restarting it", 30_000);
    await expect
      .poll(async () => (await fetch(`${app.baseURL}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
      .toBe(200);
    const secondPid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    expect(secondPid).not.toBe(firstPid);

    // Like `pkill -TERM` over all of npm start's processes, or Ctrl-C in a terminal: the whole group at once.
    // npm, the group's leader, may exit before start.ts has drained and stopped the database: give the stop path its time.
    await stopGroup(app, "SIGTERM");
    await expect.poll(() => runningServerUrl(home), { timeout: 60_000 }).toBeNull();
    expect(() => process.kill(secondPid, 0)).toThrow();
  } finally {
    if (app.child.exitCode === null) await stopGroup(app, "SIGKILL").catch(() => undefined);
  }
});

test("npm start: Ctrl-C during a first start, while the demo loads, stops the embedded PostgreSQL it started", async () => {
  test.setTimeout(240_000);
  const home = mkdtempSync(path.join(tmpdir(), "relabel-interrupted-"));
  const port = E2E_PORT + 3;
  const app = startApp("start", port, { RELABEL_HOME: home, DATABASE_URL: "", RELABEL_DEMO: "1", NEXTAUTH_SECRET: "", NEXTAUTH_URL: `http://127.0.0.1:${port}` });
  try {
    await app.waitFor("loading the demo data", 120_000);
    expect(runningServerUrl(home)).not.toBeNull();
    // The terminal's Ctrl-C: SIGINT to the whole foreground group, long before the server runs.
    await stopGroup(app, "SIGINT");
    await expect.poll(() => runningServerUrl(home), { timeout: 60_000 }).toBeNull();
    await expect.poll(() => app.output()).toContain("interrupted while starting: stopping the database");
  } finally {
    if (app.child.exitCode === null) await stopGroup(app, "SIGKILL").catch(() => undefined);
  }
});

test("npm start: closing its terminal stops the embedded PostgreSQL it started", async () => {
  test.setTimeout(240_000);
  const home = mkdtempSync(path.join(tmpdir(), "relabel-hangup-"));
  const port = E2E_PORT + 4;
  const app = startApp("start", port, { RELABEL_HOME: home, DATABASE_URL: "", RELABEL_DEMO: "0", NEXTAUTH_SECRET: "", NEXTAUTH_URL: `http://127.0.0.1:${port}` }, { inTerminal: true });
  try {
    await app.waitFor("Relabel is running", 150_000);
    const postgresPid = Number(readFileSync(path.join(appClusterDir(home), "postmaster.pid"), "utf8").split("\n")[0]);
    // The window closes: the terminal goes away and every process in it gets SIGHUP; PostgreSQL runs in a group of its own.
    app.child.kill("SIGKILL");
    await expect.poll(() => runningServerUrl(home), { timeout: 60_000 }).toBeNull();
    expect(() => process.kill(postgresPid, 0)).toThrow();
  } finally {
    if (app.child.exitCode === null) await stopGroup(app, "SIGKILL").catch(() => undefined);
  }
});
