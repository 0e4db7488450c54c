import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action-result";
import { can } from "@/lib/auth/permissions";
import { holdImages } from "@/lib/campaigns/queue";
import { consensusJob } from "@/lib/consensus/consensus-job";
import { databaseUrlOf, db } from "@/lib/db";
import { duplicateScanJob } from "@/lib/duplicates/scan-job";
import { queueExport } from "@/lib/export/export-job";
import { enqueueJob } from "@/lib/jobs/queue";
import { ACTIONS, PAGES, ROLE_OF, ROUTES, type Visitor, VISITORS } from "@/lib/testing/access-matrix";
import { FACTORY_PASSWORD, seedCampaign, seedClasses, seedDataset, seedDecisions, seedUser } from "@/lib/testing/factories";
import { formDataOf, redirectOf } from "@/lib/testing/redirects";
import { countAllRows } from "@/lib/testing/row-counts";
import { exportRequestSchema } from "@/lib/validation/export";

// Every exported server action through its real defineAction wrapper, for every visitor, with
// own and foreign ids. Only the session is stood in for (next-auth reads a cookie we do not have):
// the user behind it is re-read from the database as in production, so a disabled one is refused.
const session = vi.hoisted(() => ({ current: null as { uid: number; sv: number } | null }));
vi.mock("next-auth/jwt", async (original) => ({ ...(await original<object>()), getToken: async () => session.current }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const UNKNOWN = 2_147_483_000;
const SIGNED_OUT = "Your session has ended. Sign in again.";
const DENIED = "You do not have permission to do that.";
const STRONG = "violet harbour lantern 1987";
const NOT_FOUND = /was not found\.$/;
const OUTSIDE_ROOTS = /No such file or folder in the folders imports may read from/;

const files = (folder: string, name: string) =>
  (readdirSync(path.join(ROOT, folder), { recursive: true }) as string[])
    .filter((file) => path.basename(file) === name)
    .map((file) => path.posix.join(folder, file.split(path.sep).join("/")))
    .sort();

describe("the matrix lists every entry point", () => {
  it("has an entry for every page", () => {
    expect(Object.keys(PAGES).sort()).toEqual(files("app", "page.tsx"));
  });

  it("has an entry for every method of every route handler", () => {
    const methods = files("app", "route.ts").flatMap((file) => {
      const source = readFileSync(path.join(ROOT, file), "utf8");
      const exported = [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|\bas (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)];
      return exported.map((match) => `${match[1] ?? match[2]} ${file}`);
    });
    expect(Object.keys(ROUTES).sort()).toEqual(methods.sort());
  });

  it("has an entry, with a case below, for every exported server action", async () => {
    const modules = readdirSync(path.join(ROOT, "lib/actions")).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    const exported: Record<string, string[]> = {};
    for (const file of modules) {
      if (!readFileSync(path.join(ROOT, "lib/actions", file), "utf8").startsWith('"use server"')) continue;
      const module = (await import(`@/lib/actions/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      exported[`lib/actions/${file}`] = Object.keys(module).filter((name) => typeof module[name] === "function").sort();
    }
    expect(Object.fromEntries(Object.entries(ACTIONS).map(([file, actions]) => [file, Object.keys(actions).sort()]))).toEqual(exported);
    expect(Object.values(ACTIONS).flatMap(Object.keys).sort()).toEqual(Object.keys(CASES).sort());
  });
});

interface Fixture {
  users: Record<Visitor, { id: number; email: string } | null>;
  outsider: number;
  own: number;
  foreign: number;
  held: number[];
  foreignImages: number[];
  groups: Record<"reviewer" | "admin", { id: number; images: number[] }>;
  datasetSlug: string;
  /** Queued jobs (no worker runs here), each cancelled once by the admin's accepted call. */
  jobs: { scan: number; consensusOwn: number; consensusForeign: number };
  /** Queued exports of the foreign campaign: data:export holders (reviewer and admin) each cancel their own. */
  exports: Record<"reviewer" | "admin", number>;
  /** An image made gold up front, for the admin's unmark. */
  goldImage: number;
}
let fx: Fixture;

type Build = (visitor: Visitor) => unknown | Promise<unknown>;
interface Case {
  own: Build;
  /** Another campaign's, user's or image's id, or one that does not exist; default outcome: not found. */
  foreign?: Build;
  /** Only members of the annotator's campaign get past "not found" (reviewers and admins are not members). */
  membersOnly?: true;
  /** A foreign call's refusal when it is not "not found" (an import path outside the allowed folders). */
  foreignError?: RegExp;
  /** A foreign call that answers ok but reveals nothing. */
  foreignAnswer?: unknown;
  /**
   * A form action (startLabelingAction) answers with Next's redirect(), which throws NEXT_REDIRECT
   * (runAction is not involved: the action calls a defineAction one and then redirects), instead of
   * an ActionResult: call() turns the throw into { redirect: url }. A refused or not-found call
   * must go to `otherwise` and write nothing (but the audited denial), as any refusal; an accepted
   * one is checked by `accepted`.
   */
  redirects?: { otherwise: (which: "own" | "foreign") => string; accepted: (url: string, visitor: Visitor) => Promise<void> };
}

const consensusVersion = async (campaignId: number | null, imageId: number) =>
  (await db.consensus.findFirst({ where: { campaignId, imageId }, select: { version: true } }))?.version ?? null;
const seenVersions = async (imageIds: number[]) => Object.fromEntries(await Promise.all(imageIds.map(async (id) => [String(id), await consensusVersion(null, id)])));
const content = { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: [], notes: "" };
const byRole = <T,>(visitor: Visitor, choices: { reviewer: T; admin: T }) => (visitor === "admin" ? choices.admin : choices.reviewer);
// Refused visitors aim at the reviewer's real group: a refusal must not depend on the id being bogus.
const groupOf = (visitor: Visitor) => (visitor === "admin" ? fx.groups.admin : fx.groups.reviewer);

const CASES: Record<string, Case> = {
  previewSelectionAction: { own: () => ({ dataset: fx.datasetSlug, selection: { rule: { kind: "all" }, withPixels: false } }), foreign: () => ({ dataset: "no-such-dataset", selection: { rule: { kind: "all" }, withPixels: false } }) },
  createCampaignAction: { own: () => ({ name: "Matrix campaign", dataset: fx.datasetSlug, selection: { rule: { kind: "all" }, withPixels: false }, annotatorsPerImage: 1, showPriorLabels: true, memberIds: [] }), foreign: () => ({ name: "x", dataset: "no-such-dataset", selection: { rule: { kind: "all" }, withPixels: false }, annotatorsPerImage: 1, showPriorLabels: true, memberIds: [] }) },
  setCampaignStatusAction: { own: () => ({ campaignId: fx.own, status: "ACTIVE" }), foreign: () => ({ campaignId: UNKNOWN, status: "CLOSED" }) },
  setGroupVerdictAction: { own: (v) => ({ groupId: groupOf(v).id, verdict: "EXACT" }), foreign: () => ({ groupId: UNKNOWN, verdict: "EXACT" }) },
  applyGroupLabelAction: { own: async (v) => ({ groupId: groupOf(v).id, classes: [2], seenVersions: await seenVersions(groupOf(v).images) }), foreign: () => ({ groupId: UNKNOWN, classes: [2], seenVersions: {} }) },
  excludeGroupMembersAction: { own: async (v) => ({ groupId: groupOf(v).id, imageIds: groupOf(v).images.slice(0, 1), seenVersions: await seenVersions(groupOf(v).images) }), foreign: () => ({ groupId: UNKNOWN, imageIds: [1], seenVersions: {} }) },
  startExportAction: { own: () => ({ format: "csv", campaignId: fx.foreign }), foreign: () => ({ format: "csv", campaignId: UNKNOWN }) },
  validateImportAction: { own: () => ({ kind: "classes", path: "prisma/demo/imagenet-classes/class_info.json", dataset: fx.datasetSlug }), foreign: () => ({ kind: "classes", path: "/etc/passwd", dataset: fx.datasetSlug }), foreignError: OUTSIDE_ROOTS },
  startImportAction: { own: () => ({ kind: "classes", path: "prisma/demo/imagenet-classes/class_info.json", dataset: fx.datasetSlug }), foreign: () => ({ kind: "classes", path: "/etc/passwd", dataset: fx.datasetSlug }), foreignError: OUTSIDE_ROOTS },
  // The import the admin queued just before (startImportAction runs first).
  cancelImportAction: { own: async () => ({ jobId: (await db.job.findFirst({ where: { kind: "import" }, orderBy: { id: "desc" }, select: { id: true } }))?.id ?? UNKNOWN }), foreign: () => ({ jobId: UNKNOWN }) },
  claimNextImagesAction: { own: () => ({ campaignId: fx.own }), foreign: () => ({ campaignId: fx.foreign }), membersOnly: true },
  saveDraftAction: { own: () => ({ campaignId: fx.own, imageId: fx.held[0], content }), foreign: () => ({ campaignId: fx.foreign, imageId: fx.foreignImages[0], content }), membersOnly: true },
  submitDecisionAction: {
    own: () => ({ campaignId: fx.own, imageId: fx.held[0], content, requestId: randomUUID(), timeSpentMs: 1000, shownClasses: [1], shownSources: [] }),
    foreign: () => ({ campaignId: fx.foreign, imageId: fx.foreignImages[0], content, requestId: randomUUID(), timeSpentMs: 1000, shownClasses: [1], shownSources: [] }),
    membersOnly: true,
  },
  skipImageAction: { own: () => ({ campaignId: fx.own, imageId: fx.held[1], reason: "blurred" }), foreign: () => ({ campaignId: fx.foreign, imageId: fx.foreignImages[0], reason: "blurred" }), membersOnly: true },
  // Another campaign's history is simply empty: nothing tells the caller it exists.
  previousImageAction: { own: () => ({ campaignId: fx.own }), foreign: () => ({ campaignId: fx.foreign }), foreignAnswer: { ok: true, data: null } },
  resolveConsensusAction: {
    own: async (v) => {
      const imageId = byRole(v, { reviewer: fx.foreignImages[0]!, admin: fx.foreignImages[1]! });
      return { campaignId: fx.foreign, imageId, expectedVersion: (await consensusVersion(fx.foreign, imageId)) ?? 0, resolution: { kind: "outcome", content } };
    },
    foreign: () => ({ campaignId: fx.foreign, imageId: fx.held[0], expectedVersion: 0, resolution: { kind: "outcome", content } }),
  },
  sendBackAction: { own: (v) => ({ campaignId: fx.foreign, imageId: byRole(v, { reviewer: fx.foreignImages[2]!, admin: fx.foreignImages[3]! }) }), foreign: () => ({ campaignId: UNKNOWN, imageId: fx.held[0] }) },
  setConsensusRuleAction: { own: () => ({ campaignId: fx.foreign, rule: "MAJORITY", quorum: 1 }), foreign: () => ({ campaignId: UNKNOWN, rule: "MAJORITY", quorum: 1 }) },
  createUserAction: { own: () => ({ email: "new-matrix-user@test.relabel", name: "New", role: "ANNOTATOR", password: STRONG }) },
  setUserActiveAction: { own: () => ({ userId: fx.outsider, active: true }), foreign: () => ({ userId: UNKNOWN, active: false }) },
  setUserRoleAction: { own: () => ({ userId: fx.outsider, role: "ANNOTATOR" }), foreign: () => ({ userId: UNKNOWN, role: "ADMIN" }) },
  resetPasswordAction: { own: () => ({ userId: fx.outsider }), foreign: () => ({ userId: UNKNOWN }) },
  changeOwnPasswordAction: { own: () => ({ currentPassword: FACTORY_PASSWORD, newPassword: STRONG }) },
  // A scan is queued (or the queued one returned) for a real dataset; an unknown one finds nothing.
  startDuplicateScanAction: { own: () => ({ dataset: fx.datasetSlug }), foreign: () => ({ dataset: "no-such-dataset" }) },
  // Publishing a real dataset's consensus is queued (or the queued one returned); an unknown one finds nothing.
  publishConsensusAction: { own: () => ({ dataset: fx.datasetSlug }), foreign: () => ({ dataset: "no-such-dataset" }) },
  // The evaluation of a real dataset is queued (or the queued one returned); an unknown one finds nothing.
  recomputeEvaluationAction: { own: () => ({ dataset: fx.datasetSlug }), foreign: () => ({ dataset: "no-such-dataset" }) },
  // A real job of another kind (a consensus recomputation) is no duplicate scan.
  cancelDuplicateScanAction: { own: () => ({ jobId: fx.jobs.scan }), foreign: () => ({ jobId: fx.jobs.consensusForeign }) },
  cancelExportAction: { own: (v) => ({ exportId: byRole(v, fx.exports) }), foreign: () => ({ exportId: UNKNOWN }) },
  setMemberPausedAction: { own: () => ({ campaignId: fx.foreign, userId: fx.outsider, paused: true }), foreign: () => ({ campaignId: fx.own, userId: fx.outsider, paused: true }) },
  markGoldAction: { own: () => ({ imageId: fx.foreignImages[0], classes: [1] }), foreign: () => ({ imageId: UNKNOWN, classes: [1] }) },
  // An image that is not gold has no gold answer to remove.
  unmarkGoldAction: { own: () => ({ imageId: fx.goldImage }), foreign: () => ({ imageId: fx.foreignImages[2] }) },
  cancelAnyJobAction: { own: () => ({ jobId: fx.jobs.consensusOwn }), foreign: () => ({ jobId: UNKNOWN }) },
  // The foreign campaign's real job, named with another campaign, finds nothing.
  cancelConsensusJobAction: { own: () => ({ campaignId: fx.foreign, jobId: fx.jobs.consensusForeign }), foreign: () => ({ campaignId: fx.own, jobId: fx.jobs.consensusForeign }) },
  startLabelingAction: {
    own: () => formDataOf({ campaignId: String(fx.own) }),
    foreign: () => formDataOf({ campaignId: String(fx.foreign) }),
    membersOnly: true,
    redirects: {
      // Refused, not a member or another campaign: the campaign page (a read) says why, and nothing was claimed.
      otherwise: (which) => `/label/${which === "own" ? fx.own : fx.foreign}`,
      // The member opens an image they now hold in their campaign.
      accepted: async (url, visitor) => {
        const imageId = Number(new RegExp(`^/label/${fx.own}/(\\d+)$`).exec(url)?.[1]);
        expect(await db.assignment.count({ where: { campaignId: fx.own, imageId, userId: fx.users[visitor]!.id, status: "ACTIVE" } }), url).toBe(1);
      },
    },
  },
};

beforeAll(async () => {
  await seedClasses(db, 10);
  const { datasetId, imageIds } = await seedDataset(db, 8);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
  const [annotator, outsider, reviewer, admin, disabled] = await Promise.all([
    seedUser(db, "ANNOTATOR"),
    seedUser(db, "ANNOTATOR"),
    seedUser(db, "REVIEWER"),
    seedUser(db, "ADMIN"),
    seedUser(db, "ANNOTATOR", { active: false }),
  ]);
  const own = await seedCampaign(db, { datasetId, imageIds: imageIds.slice(0, 4), memberIds: [annotator.id] });
  const foreignImages = imageIds.slice(4);
  const foreign = await seedCampaign(db, { datasetId, imageIds: foreignImages, memberIds: [outsider.id] });
  // Another user's decisions: the outsider labeled every image of the foreign campaign.
  await seedDecisions(db, foreign, foreignImages.map((imageId) => ({ imageId, userId: outsider.id, classes: [3] })));
  const held = (await holdImages(db, annotator.id, own, 3)).map((claim) => claim.imageId);
  const group = async (images: number[]) => ({ id: (await db.duplicateGroup.create({ data: { datasetId, kind: "exact", members: { create: images.map((imageId) => ({ imageId })) } } })).id, images });
  fx = {
    users: { "signed-out": null, disabled, annotator: annotator, reviewer: reviewer, admin: admin },
    outsider: outsider.id,
    own,
    foreign,
    held,
    foreignImages,
    groups: { reviewer: await group(imageIds.slice(0, 2)), admin: await group(imageIds.slice(2, 4)) },
    datasetSlug: dataset.slug,
    jobs: {
      scan: (await enqueueJob(db, databaseUrlOf(), duplicateScanJob, { dataset: dataset.slug }, admin.id)).jobId,
      consensusOwn: (await enqueueJob(db, databaseUrlOf(), consensusJob, { campaignId: own }, admin.id)).jobId,
      consensusForeign: (await enqueueJob(db, databaseUrlOf(), consensusJob, { campaignId: foreign }, admin.id)).jobId,
    },
    exports: {
      reviewer: (await queueExport(db, databaseUrlOf(), exportRequestSchema.parse({ format: "csv", campaignId: foreign }), reviewer.id)).exportId,
      admin: (await queueExport(db, databaseUrlOf(), exportRequestSchema.parse({ format: "jsonl", campaignId: foreign }), admin.id)).exportId,
    },
    goldImage: (await db.goldAnswer.create({ data: { imageId: foreignImages[1]!, classes: [2], candidateClasses: [], outsideLabels: [], origin: "typed" } })).imageId,
  };
});

type Answer = ActionResult<unknown> | { redirect: string };

async function call(file: string, name: string, visitor: Visitor, input: unknown): Promise<Answer> {
  const user = fx.users[visitor];
  // The session a browser would hold: the user's current session version (a password change ends the others, not this one).
  session.current = user ? { uid: user.id, sv: (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } })).sessionVersion } : null;
  const module = (await import(`@/lib/${file.slice("lib/".length, -".ts".length)}`)) as Record<string, (input: unknown) => Promise<ActionResult<unknown>>>;
  if (CASES[name]!.redirects) return { redirect: await redirectOf(() => module[name]!(input)) };
  return module[name]!(input);
}

let calls = 0;

describe.each(Object.entries(ACTIONS).flatMap(([file, actions]) => Object.entries(actions).map(([name, permission]) => ({ file, name, permission }))))("$name", ({ file, name, permission }) => {
  it.each(VISITORS.map((visitor) => ({ visitor })))("answers $visitor as the matrix says", async ({ visitor }) => {
    const spec = CASES[name]!;
    const role = ROLE_OF[visitor];
    const refusal = role === null ? SIGNED_OUT : can({ role }, permission) ? null : DENIED;
    for (const [which, build] of [["own", spec.own], ["foreign", spec.foreign]] as const) {
      if (!build) continue;
      const before = await countAllRows(db);
      const result = await call(file, name, visitor, await build(visitor));
      calls++;
      const where = `${name} as ${visitor} (${which}): ${JSON.stringify(result)}`;
      const redirect = spec.redirects && "redirect" in result ? result.redirect : null;
      if (refusal) {
        expect(result, where).toEqual(spec.redirects ? { redirect: spec.redirects.otherwise(which) } : { ok: false, error: refusal });
        // A refused call writes nothing but, for a signed-in user, the audited denial.
        const after = await countAllRows(db);
        const denials = refusal === DENIED ? 1 : 0;
        expect(after, where).toEqual({ ...before, "public.audit_log": before["public.audit_log"]! + denials });
        if (denials) expect(await db.auditLog.findFirst({ orderBy: { id: "desc" }, select: { userId: true, action: true } })).toEqual({ userId: fx.users[visitor]!.id, action: "permission.denied" });
      } else if (which === "foreign" || (spec.membersOnly && visitor !== "annotator")) {
        if (spec.redirects) expect(result, where).toEqual({ redirect: spec.redirects.otherwise(which) });
        else if (which === "foreign" && spec.foreignAnswer) expect(result, where).toEqual(spec.foreignAnswer);
        else expect("ok" in result && !result.ok && result.error, where).toMatch(which === "foreign" && spec.foreignError ? spec.foreignError : NOT_FOUND);
        expect(await countAllRows(db), where).toEqual(before);
      } else if (spec.redirects) {
        expect(redirect, where).toMatch(/^\/label\/\d+\/\d+$/);
        await spec.redirects.accepted(redirect!, visitor);
      } else {
        expect("ok" in result && result.ok, where).toBe(true);
      }
    }
  });
});

it("covered every action for every visitor", () => {
  const actions = Object.values(ACTIONS).flatMap(Object.keys).length;
  expect(calls).toBeGreaterThanOrEqual(actions * VISITORS.length);
  console.log(`authorization matrix (actions): ${actions} actions × ${VISITORS.length} visitors, ${calls} calls`);
});
