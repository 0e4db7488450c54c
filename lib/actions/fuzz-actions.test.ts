import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action-result";
import { holdImages } from "@/lib/campaigns/queue";
import { databaseUrlOf, db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { ensureQueueSchema } from "@/lib/jobs/queue-schema";
import { seedCampaign, seedClasses, seedDataset, seedUser } from "@/lib/testing/factories";
import { fieldSweep, fuzzParameters, nearMiss, wrongValue } from "@/lib/testing/fuzz-values";
import { formDataOf, redirectOf } from "@/lib/testing/redirects";
import { countAllRows } from "@/lib/testing/row-counts";

/*
 * Fuzzing every server action through its defineAction wrapper, as a browser or an attacker calls
 * it: a real user row behind the session (role, active flag and session version re-read from the
 * database on each call), the real schema, the real body and database. Only Next's request scope is
 * stood in for (there is no request outside a server): headers, the session cookie's decoding, and
 * revalidatePath. Each call must answer with an ActionResult, never throw; a refusal must be a clear
 * message (not the "something went wrong" of an unexpected error) and must leave every table's
 * row count as it was.
 */
const session = vi.hoisted(() => ({ current: null as null | { uid: number; sv: number } }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));
vi.mock("next-auth/jwt", async (original) => ({ ...(await original<object>()), getToken: async () => session.current }));
vi.mock("next/cache", async (original) => ({ ...(await original<object>()), revalidatePath: () => {} }));

type Action = (input: never) => Promise<ActionResult<unknown>>;
interface Entry {
  /** Who calls it: a role with the action's permission. */
  as: Role;
  valid: (w: World) => unknown;
  /** Hashing a password is slow by design; such actions get fewer runs. */
  runs?: number;
  /** Left out of the field sweep: a call that passes the schema hashes a password (slow by design); the random runs reach their few fields. */
  sweep?: false;
  /**
   * A form action (startLabelingAction): it takes FormData and answers with Next's redirect() (a
   * thrown NEXT_REDIRECT) instead of an ActionResult. An object input is sent as the FormData a form
   * posts, anything else as it is (a crafted post decodes to any value). The answer must be a
   * redirect: to an image to label counts as accepted, anywhere else as a refusal (which writes nothing).
   */
  form?: true;
}
interface World {
  slug: string;
  campaignId: number;
  imageId: number;
  targetUserId: number;
  groupId: number;
  /** The annotator, a member of the campaign. */
  memberId: number;
}

const decision = { classes: [1], ambiguity: null, candidateClasses: [], outsideLabels: ["vole"], notes: "" };

/** One entry per exported action; a new action without one fails the enumeration test below. */
const FUZZ: Record<string, Entry> = {
  "campaigns.previewSelectionAction": { as: "ADMIN", valid: (w) => ({ dataset: w.slug, selection: { rule: { kind: "all" }, withPixels: false } }) },
  "campaigns.createCampaignAction": {
    as: "ADMIN",
    valid: (w) => ({ name: "Fuzz", instructions: "", dataset: w.slug, selection: { rule: { kind: "classes", classes: [1] }, withPixels: false }, annotatorsPerImage: 1, showPriorLabels: true, claimTtlMinutes: 30, memberIds: [w.targetUserId] }),
  },
  "campaigns.setCampaignStatusAction": { as: "ADMIN", valid: (w) => ({ campaignId: w.campaignId, status: "ACTIVE" }) },
  "labeling.claimNextImagesAction": { as: "ANNOTATOR", valid: (w) => ({ campaignId: w.campaignId }) },
  "labeling.submitDecisionAction": {
    as: "ANNOTATOR",
    valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId, content: decision, requestId: "6f1c1f38-4a5e-4d7e-9a51-0d1f2a3b4c5d", timeSpentMs: 1000, shownClasses: [1], shownSources: ["original"] }),
  },
  "labeling.saveDraftAction": { as: "ANNOTATOR", valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId, content: decision }) },
  "labeling.skipImageAction": { as: "ANNOTATOR", valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId, reason: "blurry" }) },
  "labeling.previousImageAction": { as: "ANNOTATOR", valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId }) },
  "imports.validateImportAction": { as: "ADMIN", valid: (w) => ({ kind: "original", path: "/nowhere/labels.json", dataset: w.slug, options: {} }) },
  "imports.startImportAction": { as: "ADMIN", valid: (w) => ({ kind: "real", path: "/nowhere/real.json", dataset: w.slug, options: { scores: "/nowhere/scores.npz" } }) },
  "imports.cancelImportAction": { as: "ADMIN", valid: () => ({ jobId: 1 }) },
  "users.createUserAction": { as: "ADMIN", valid: () => ({ email: "fuzzed@test.relabel", name: "Fuzzed", role: "ANNOTATOR" }), runs: 20 },
  "users.setUserActiveAction": { as: "ADMIN", valid: (w) => ({ userId: w.targetUserId, active: false }) },
  "users.setUserRoleAction": { as: "ADMIN", valid: (w) => ({ userId: w.targetUserId, role: "REVIEWER" }) },
  "users.resetPasswordAction": { as: "ADMIN", valid: (w) => ({ userId: w.targetUserId }), runs: 20, sweep: false },
  "users.changeOwnPasswordAction": { as: "ANNOTATOR", valid: () => ({ currentPassword: "not the password", newPassword: "a much longer pass phrase 42" }), runs: 15, sweep: false },
  "review.resolveConsensusAction": {
    as: "REVIEWER",
    valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId, expectedVersion: 0, resolution: { kind: "exclude", reason: "a drawing", notes: "" } }),
  },
  "review.sendBackAction": { as: "REVIEWER", valid: (w) => ({ campaignId: w.campaignId, imageId: w.imageId }) },
  "review.setConsensusRuleAction": { as: "ADMIN", valid: (w) => ({ campaignId: w.campaignId, rule: "MAJORITY", quorum: 2 }) },
  "duplicates.setGroupVerdictAction": { as: "REVIEWER", valid: (w) => ({ groupId: w.groupId, verdict: "EXACT" }) },
  "duplicates.applyGroupLabelAction": { as: "REVIEWER", valid: (w) => ({ groupId: w.groupId, classes: [3], note: "", seenVersions: {} }) },
  "duplicates.excludeGroupMembersAction": { as: "REVIEWER", valid: (w) => ({ groupId: w.groupId, imageIds: [w.imageId], seenVersions: {} }) },
  "duplicates.startDuplicateScanAction": { as: "ADMIN", valid: (w) => ({ dataset: w.slug }) },
  "duplicates.cancelDuplicateScanAction": { as: "ADMIN", valid: () => ({ jobId: 1 }) },
  "evaluation.recomputeEvaluationAction": { as: "REVIEWER", valid: (w) => ({ dataset: w.slug }) },
  "exports.startExportAction": { as: "ADMIN", valid: (w) => ({ format: "csv", dataset: w.slug, campaignId: null }) },
  "exports.cancelExportAction": { as: "ADMIN", valid: () => ({ exportId: 1 }) },
  "gold.markGoldAction": { as: "ADMIN", valid: (w) => ({ imageId: w.imageId, classes: [1, 999] }) },
  "gold.unmarkGoldAction": { as: "ADMIN", valid: (w) => ({ imageId: w.imageId }) },
  // Resuming (paused: false), so an accepted call never leaves the annotator unable to claim in the labeling entries.
  "gold.setMemberPausedAction": { as: "ADMIN", valid: (w) => ({ campaignId: w.campaignId, userId: w.memberId, paused: false }) },
  "jobs.cancelAnyJobAction": { as: "ADMIN", valid: () => ({ jobId: 1 }) },
  "review.publishConsensusAction": { as: "REVIEWER", valid: (w) => ({ dataset: w.slug }) },
  "review.cancelConsensusJobAction": { as: "ADMIN", valid: (w) => ({ campaignId: w.campaignId, jobId: 1 }) },
  "labeling.startLabelingAction": { as: "ANNOTATOR", valid: (w) => ({ campaignId: String(w.campaignId) }), form: true },
};

const ACTIONS_DIR = import.meta.dirname;
const MODULES = readdirSync(ACTIONS_DIR)
  .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
  .map((file) => path.basename(file, ".ts"))
  // The wrapper itself and its result type define no action.
  .filter((name) => !["action-result", "define-action", "run-action"].includes(name));


let world: World;
const actors = {} as Record<Role, { id: number }>;
let actions: Record<string, Action>;
let cases = 0;

/** A fresh sign-in before every call: an earlier accepted call may have changed the actor (role, active, password). */
async function signIn(role: Role) {
  const { id } = actors[role];
  const user = await db.user.update({ where: { id }, data: { role, active: true }, select: { sessionVersion: true } });
  session.current = { uid: id, sv: user.sessionVersion };
}

beforeAll(async () => {
  // The job queue's schema exists before the first count: counts cover every schema, and the first
  // enqueue would otherwise create graphile_worker's tables in the middle of a comparison.
  await ensureQueueSchema(databaseUrlOf());
  await seedClasses(db, 1000);
  for (const role of ["ANNOTATOR", "REVIEWER", "ADMIN"] as const) actors[role] = await seedUser(db, role);
  const target = await seedUser(db);
  const { datasetId, imageIds } = await seedDataset(db, 6);
  const { slug } = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [actors.ANNOTATOR.id], annotatorsPerImage: 2 });
  const [claim] = await holdImages(db, actors.ANNOTATOR.id, campaignId, 2);
  const group = await db.duplicateGroup.create({ data: { datasetId, kind: "exact", members: { create: imageIds.slice(0, 2).map((imageId) => ({ imageId, distance: 0 })) } } });
  world = { slug, campaignId, imageId: claim!.imageId, targetUserId: target.id, groupId: group.id, memberId: actors.ANNOTATOR.id };
  actions = {};
  for (const name of MODULES) {
    for (const [exported, value] of Object.entries(await import(`@/lib/actions/${name}.ts`))) {
      if (typeof value === "function") actions[`${name}.${exported}`] = value as Action;
    }
  }
});

afterAll(() => console.log(`fuzzing: ${cases} server action calls`));

/** Row counts since the last accepted call: refusals must leave them as they are, so they are re-read only after a write. */
let counts: Record<string, number> | null = null;

/** One call: an ActionResult, never a throw; a refusal is a clear message and leaves every table's row count as it was. */
async function refusedCleanly(name: string, input: unknown) {
  cases++;
  await signIn(FUZZ[name]!.as);
  const before = (counts ??= await countAllRows(db));
  const result = FUZZ[name]!.form ? await formAnswer(actions[name]!, input) : await actions[name]!(input as never);
  expect(typeof result?.ok, JSON.stringify(input)?.slice(0, 300)).toBe("boolean");
  if (result.ok) {
    counts = null;
    return;
  }
  expect(result.error).toMatch(/\S/);
  expect(result.error, JSON.stringify(input)?.slice(0, 300)).not.toMatch(/went wrong/);
  expect(result.retryable).toBeUndefined();
  expect(await countAllRows(db)).toEqual(before);
}

/** A form action's redirect as a result: to an image to label it was accepted, anywhere else refused. A throw that is no redirect fails the property. */
async function formAnswer(action: Action, input: unknown): Promise<ActionResult<unknown>> {
  const sent = input !== null && typeof input === "object" && !Array.isArray(input) ? formDataOf(input as Record<string, unknown>) : input;
  const url = await redirectOf(() => action(sent as never));
  return /^\/label\/\d+\/\d+$/.test(url) ? { ok: true, data: url } : { ok: false, error: `redirected to ${url}` };
}

describe("fuzzing: server actions", () => {
  it("has a fuzz entry for every exported action, and no entry for an action that is gone", () => {
    expect(Object.keys(actions).sort()).toEqual(Object.keys(FUZZ).sort());
  });

  it.each(Object.keys(FUZZ))("%s: wrong types, near misses and Unicode edge cases are refused cleanly and write nothing", async (name) => {
    const entry = FUZZ[name]!;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: wrongValue }, { weight: 3, arbitrary: nearMiss(entry.valid(world)) }), (input) => refusedCleanly(name, input)),
      fuzzParameters(entry.runs ?? 15),
    );
  }, 120_000);

  it.each(Object.keys(FUZZ).filter((name) => FUZZ[name]!.sweep !== false))("%s: every text and number field at its edge values", async (name) => {
    for (const input of fieldSweep(FUZZ[name]!.valid(world))) await refusedCleanly(name, input);
  }, 120_000);
});
