import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { can } from "../lib/auth/permissions";
import { ACTIONS, type Endpoint, fillUrl, mayReach, PAGES, ROLE_OF, ROUTES, type Visitor, VISITORS } from "../lib/testing/access-matrix";
import { ACCOUNTS } from "./support/accounts";
import { E2E_PORT } from "./support/environment";
import { e2eDb } from "./support/database";
import { arrangeMatrix, contextFor, type MatrixFixture } from "./support/matrix-fixture";

// The HTTP half of the authorization matrix (lib/testing/access-matrix.ts): every page and route
// handler for every visitor, then server actions posted by id the way an attacker would.
let fixture: MatrixFixture;
test.beforeAll(async () => {
  fixture = await arrangeMatrix();
});

type Outcome = "ok" | "sign-in" | "not-found";

function expected(visitor: Visitor, entry: Endpoint, foreign: boolean): Outcome {
  if (!mayReach(visitor, entry.access)) return ROLE_OF[visitor] ? "not-found" : "sign-in";
  const role = ROLE_OF[visitor];
  const seesAll = entry.seenByAllWith !== undefined && role !== null && can({ role }, entry.seenByAllWith);
  if (foreign && !seesAll) return "not-found";
  if (entry.membersOnly && visitor !== "annotator") return "not-found";
  return "ok";
}

const cases = (entry: Endpoint) => [{ url: entry.url, foreign: false }, ...(entry.foreign ? [{ url: entry.foreign, foreign: true }] : [])];

async function checkPage(page: Page, visitor: Visitor, entry: Endpoint, url: string, outcome: Outcome) {
  // The server's answer is what is checked: the browser need not load the page's scripts and images.
  const response = await page.goto(url, { waitUntil: "commit" });
  const where = `${visitor} ${url}`;
  if (outcome === "sign-in") {
    // Signed out: the proxy sends them to sign-in and back; a disabled user's token passes the proxy and the page itself refuses.
    await expect(page, where).toHaveURL(visitor === "signed-out" ? /\/sign-in\?callbackUrl=/ : /\/sign-in/);
  } else {
    expect(response?.status(), where).toBe(outcome === "ok" ? 200 : 404);
    if (outcome === "ok" && entry.access !== "public") await expect(page, where).not.toHaveURL(/\/sign-in/);
  }
}

async function checkRoute(request: APIRequestContext, visitor: Visitor, key: string, entry: Endpoint, url: string, outcome: Outcome) {
  const method = key.split(" ")[0]!;
  const response = await request.fetch(url, { method, maxRedirects: 0, data: method === "POST" ? "" : undefined });
  const status = response.status();
  const where = `${visitor} ${method} ${url} → ${status}`;
  if (entry.anyAnswer) return expect(status, where).toBeLessThan(500);
  // Signed out, the proxy answers 401 before the route runs; signed in without the right, a route answers 401 or the 404 of an unknown id.
  if (outcome === "sign-in" && visitor === "signed-out") {
    // The proxy answers signed-out requests itself: 401 under /api, the sign-in redirect elsewhere (the agreement CSVs).
    if (url.startsWith("/api/")) return expect(status, where).toBe(401);
    expect(status, where).toBe(307);
    return expect(response.headers().location, where).toMatch(/\/sign-in\?callbackUrl=/);
  }
  if (outcome !== "ok") return expect([401, 404], where).toContain(status);
  expect([401, 403, 404], where).not.toContain(status);
  expect(status, where).toBeLessThan(500);
}

test("every page and route handler answers every visitor as the matrix says", async ({ browser }) => {
  test.setTimeout(480_000);
  // Visitors are independent (a context each): checked side by side, the server is never idle between answers.
  const counts = await Promise.all(VISITORS.map((visitor) => checkVisitor(browser, visitor)));
  const checked = counts.reduce((sum, n) => sum + n, 0);
  console.log(`authorization matrix over HTTP: ${checked} requests (${Object.keys(PAGES).length} pages, ${Object.keys(ROUTES).length} route methods × ${VISITORS.length} visitors)`);
});

async function checkVisitor(browser: Browser, visitor: Visitor): Promise<number> {
  let checked = 0;
  const context = await contextFor(browser, visitor, fixture);
  const page = await context.newPage();
  for (const entry of Object.values(PAGES)) {
    for (const { url, foreign } of cases(entry)) {
      await checkPage(page, visitor, entry, fillUrl(url, fixture.values), expected(visitor, entry, foreign));
      checked++;
    }
  }
  for (const [key, entry] of Object.entries(ROUTES)) {
    for (const { url, foreign } of cases(entry)) {
      const outcome = expected(visitor, entry, foreign);
      if (entry.refusalOnly && outcome === "ok") continue;
      await checkRoute(context.request, visitor, key, entry, fillUrl(url, fixture.values), outcome);
      checked++;
    }
  }
  await context.close();
  return checked;
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename: string;
  exportedName: string;
}

/** What the build gives every browser: action ids with their module and export, and the pages that load them. */
function builtActions(): Array<ManifestEntry & { id: string }> {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, ...entry }));
}

/** A path that serves the page the action was built for ("app/admin/campaigns/[campaignId]/page" → "/admin/campaigns/1"). */
function pathOf(worker: string): string {
  const route = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\[[^\]]+\]/g, "1");
  return route === "" ? "/" : route;
}

/** A POST as React's client sends it: the action id in a header, the arguments as a JSON array. */
async function postAction(request: APIRequestContext, path: string, id: string, input: unknown): Promise<string> {
  const response = await request.post(path, {
    // A scripted client sets whatever Origin passes Next's same-origin check for actions.
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: `http://127.0.0.1:${E2E_PORT}` },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  expect(response.status(), `${path} ${id}`).toBeLessThan(500);
  return response.text();
}

test("an annotator posting other roles' action ids with crafted bodies is refused and nothing is written", async ({ browser }) => {
  const db = e2eDb();
  const attacker = fixture.annotator;
  const admin = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.admin.email }, select: { id: true, role: true, active: true } });
  const marker = `attacker-${attacker.id}`;
  const crafted: Record<string, unknown> = {
    setUserRoleAction: { userId: attacker.id, role: "ADMIN" },
    setUserActiveAction: { userId: admin.id, active: false },
    resetPasswordAction: { userId: admin.id, password: "correct horse battery staple 42" },
    createUserAction: { email: `${marker}@example.org`, name: marker, role: "ADMIN", password: "correct horse battery staple 42" },
    setCampaignStatusAction: { campaignId: fixture.values.foreignCampaign, status: "CLOSED" },
    createCampaignAction: { name: marker, dataset: "imagenet-val", selection: { kind: "all" }, annotatorsPerImage: 1, showPriorLabels: true, memberIds: [attacker.id] },
    setConsensusRuleAction: { campaignId: fixture.values.reviewCampaign, rule: "UNANIMOUS", quorum: null },
    startExportAction: { format: "csv", campaignId: fixture.values.reviewCampaign },
    validateImportAction: { kind: "classes", path: "/etc/passwd", dataset: "imagenet-val" },
    startImportAction: { kind: "classes", path: "/etc/passwd", dataset: "imagenet-val" },
  };
  const context = await contextFor(browser, "annotator", fixture);
  const built = builtActions();
  const unlisted = built.filter((action) => ACTIONS[action.filename]?.[action.exportedName] === undefined).map((action) => `${action.filename}#${action.exportedName}`);
  expect(unlisted, "actions in the build without a matrix entry").toEqual([]);

  const forbidden = built.filter((action) => !can({ role: "ANNOTATOR" }, ACTIONS[action.filename]![action.exportedName]!));
  expect(forbidden.length).toBeGreaterThan(10);
  const auditBefore = await db.auditLog.count({ where: { userId: attacker.id } });
  for (const action of forbidden) {
    const answer = await postAction(context.request, pathOf(Object.keys(action.workers)[0]!), action.id, crafted[action.exportedName] ?? {});
    expect(answer, action.exportedName).toContain("You do not have permission to do that.");
  }
  // Allowed actions aimed at a campaign the attacker is not a member of find nothing.
  const claim = built.find((action) => action.exportedName === "claimNextImagesAction")!;
  expect(await postAction(context.request, pathOf(Object.keys(claim.workers)[0]!), claim.id, { campaignId: fixture.values.foreignCampaign })).toContain("was not found.");

  expect(await db.user.findUniqueOrThrow({ where: { id: attacker.id }, select: { role: true } })).toEqual({ role: "ANNOTATOR" });
  expect(await db.user.findUniqueOrThrow({ where: { id: admin.id }, select: { id: true, role: true, active: true } })).toEqual(admin);
  expect(await db.user.count({ where: { email: `${marker}@example.org` } })).toBe(0);
  expect(await db.campaign.count({ where: { name: marker } })).toBe(0);
  expect(await db.campaign.findUniqueOrThrow({ where: { id: fixture.values.foreignCampaign }, select: { status: true } })).toEqual({ status: "ACTIVE" });
  expect(await db.assignment.count({ where: { userId: attacker.id, campaignId: fixture.values.foreignCampaign } })).toBe(0);
  // The only trace of the attempts is one audited denial each.
  const audit = await db.auditLog.findMany({ where: { userId: attacker.id }, orderBy: { id: "asc" }, skip: auditBefore, select: { action: true } });
  expect(audit.map((row) => row.action)).toEqual(forbidden.map(() => "permission.denied"));
  await context.close();
});
