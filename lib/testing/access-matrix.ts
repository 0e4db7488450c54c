import { can, type Permission, type Role } from "@/lib/auth/permissions";

/**
 * The authorization matrix: every page, route handler and server action with who may reach it.
 * lib/security/authorization-matrix.test.ts fails when a file or an exported action exists without
 * an entry here, and proves the actions; e2e/authorization-matrix.spec.ts proves pages and routes
 * over HTTP and posts action ids as an attacker would. Placeholders in URLs ({ownCampaign},
 * {foreignCampaign}, {ownImage}, {foreignImage}, {reviewCampaign}, {reviewImage}, {group}) are
 * filled by the spec with rows it creates or finds.
 */
export const VISITORS = ["signed-out", "disabled", "annotator", "reviewer", "admin"] as const;
export type Visitor = (typeof VISITORS)[number];

export const ROLE_OF: Record<Visitor, Role | null> = { "signed-out": null, disabled: null, annotator: "ANNOTATOR", reviewer: "REVIEWER", admin: "ADMIN" };

/** "public": anyone; "signed-in": any active user; a permission: its holders. */
export type Access = "public" | "signed-in" | Permission;

export interface Endpoint {
  access: Access;
  url: string;
  /** The same endpoint with another campaign's, image's or an unknown id: 404 for every visitor who may use the endpoint. */
  foreign?: string;
  /** Holders of this permission may see the foreign resource too (reviewers see every campaign). */
  seenByAllWith?: Permission;
  /** Only members of {ownCampaign} get an answer (reviewers and admins are not members of it): everyone else 404. */
  membersOnly?: true;
  /** next-auth's own handler answers signed-out requests itself; only "no server error" is asserted. */
  anyAnswer?: true;
  /** Why only refusals are asserted: the allowed answer needs a file the demo does not have. */
  refusalOnly?: string;
}

export const PAGES: Record<string, Endpoint> = {
  "app/page.tsx": { access: "signed-in", url: "/" },
  "app/sign-in/page.tsx": { access: "public", url: "/sign-in" },
  "app/account/page.tsx": { access: "account:own", url: "/account" },
  "app/admin/page.tsx": { access: "data:import", url: "/admin" },
  "app/admin/analytics/page.tsx": { access: "data:export", url: "/admin/analytics" },
  "app/admin/audit/page.tsx": { access: "user:manage", url: "/admin/audit" },
  "app/admin/campaigns/page.tsx": { access: "campaign:manage", url: "/admin/campaigns" },
  "app/admin/campaigns/[campaignId]/page.tsx": { access: "campaign:manage", url: "/admin/campaigns/{ownCampaign}", foreign: "/admin/campaigns/2147483000" },
  "app/admin/evaluation/page.tsx": { access: "data:export", url: "/admin/evaluation" },
  "app/admin/exports/page.tsx": { access: "data:export", url: "/admin/exports" },
  "app/admin/images/page.tsx": { access: "review:read", url: "/admin/images" },
  "app/admin/imports/page.tsx": { access: "data:import", url: "/admin/imports" },
  "app/admin/jobs/page.tsx": { access: "system:monitor", url: "/admin/jobs" },
  "app/admin/users/page.tsx": { access: "user:manage", url: "/admin/users" },
  "app/duplicates/page.tsx": { access: "review:read", url: "/duplicates" },
  "app/duplicates/[groupId]/page.tsx": { access: "review:read", url: "/duplicates/{group}", foreign: "/duplicates/2147483000" },
  "app/label/[campaignId]/page.tsx": { access: "labeling:work", url: "/label/{ownCampaign}", foreign: "/label/{foreignCampaign}", membersOnly: true },
  "app/label/[campaignId]/[imageId]/page.tsx": { access: "labeling:work", url: "/label/{ownCampaign}/{ownImage}", foreign: "/label/{ownCampaign}/{foreignImage}", membersOnly: true },
  "app/review/page.tsx": { access: "review:read", url: "/review" },
  "app/review/[imageId]/page.tsx": { access: "review:read", url: "/review/{reviewImage}?campaign={reviewCampaign}", foreign: "/review/2147483000?campaign={reviewCampaign}" },
  "app/review/[imageId]/timeline/page.tsx": { access: "review:read", url: "/review/{reviewImage}/timeline", foreign: "/review/2147483000/timeline" },
  "app/review/agreement/page.tsx": { access: "review:read", url: "/review/agreement?campaign={reviewCampaign}", foreign: "/review/agreement?campaign=2147483000" },
};

/** Keyed "METHOD file". */
export const ROUTES: Record<string, Endpoint> = {
  "GET app/api/auth/[...nextauth]/route.ts": { access: "public", url: "/api/auth/providers" },
  "POST app/api/auth/[...nextauth]/route.ts": { access: "public", url: "/api/auth/callback/credentials", anyAnswer: true },
  "GET app/api/charts/[chart]/route.ts": { access: "data:export", url: "/api/charts/throughput", foreign: "/api/charts/no-such-chart" },
  "GET app/api/classes/route.ts": { access: "signed-in", url: "/api/classes?campaign={ownCampaign}" },
  "GET app/api/classes/[index]/examples/route.ts": { access: "signed-in", url: "/api/classes/0/examples?campaign={ownCampaign}", foreign: "/api/classes/0/examples?campaign={foreignCampaign}", seenByAllWith: "review:read" },
  "GET app/api/duplicates/diff/route.ts": {
    access: "review:read",
    url: "/api/duplicates/diff?a={ownImage}&b={ownImage}",
    foreign: "/api/duplicates/diff?a=2147483000&b={ownImage}",
    refusalOnly: "the demo's pixels live in the database, not in files",
  },
  "GET app/api/exports/[id]/download/route.ts": {
    access: "data:export",
    url: "/api/exports/2147483000/download",
    foreign: "/api/exports/2147483000/download",
    refusalOnly: "no finished export file exists on the shared server",
  },
  "GET app/api/exports/stream/route.ts": { access: "data:export", url: "/api/exports/stream?format=csv&campaign={reviewCampaign}", foreign: "/api/exports/stream?format=csv&campaign=2147483000" },
  "GET app/api/health/route.ts": { access: "public", url: "/api/health" },
  "GET app/api/images/[id]/route.ts": { access: "signed-in", url: "/api/images/{ownImage}", foreign: "/api/images/{foreignImage}", seenByAllWith: "review:read" },
  "POST app/api/imports/upload/route.ts": { access: "data:import", url: "/api/imports/upload" },
  "GET app/api/imports/validations/[id]/route.ts": {
    access: "data:import",
    url: "/api/imports/validations/2147483000",
    foreign: "/api/imports/validations/2147483000",
    refusalOnly: "the shared server has no validation job every run can name",
  },
  // No `foreign`: another campaign's or image's ids answer 200 with no items (the route leaves out what
  // the user does not hold, lib/data/labeling-items.test.ts), not the 404 the spec's foreign case expects.
  "GET app/api/labeling/[campaignId]/items/route.ts": { access: "labeling:work", url: "/api/labeling/{ownCampaign}/items?ids={ownImage}" },
  "GET app/api/metrics/route.ts": { access: "system:monitor", url: "/api/metrics" },
  "GET app/review/agreement/[campaignId]/[table]/route.ts": { access: "review:read", url: "/review/agreement/{reviewCampaign}/pairs.csv", foreign: "/review/agreement/2147483000/pairs.csv" },
};

/** Every exported server action by file and name, with the permission it must demand. */
export const ACTIONS: Record<string, Record<string, Permission>> = {
  "lib/actions/campaigns.ts": { previewSelectionAction: "campaign:manage", createCampaignAction: "campaign:manage", setCampaignStatusAction: "campaign:manage" },
  "lib/actions/duplicates.ts": {
    setGroupVerdictAction: "review:resolve",
    applyGroupLabelAction: "review:resolve",
    excludeGroupMembersAction: "review:resolve",
    startDuplicateScanAction: "data:import",
    cancelDuplicateScanAction: "data:import",
  },
  "lib/actions/evaluation.ts": { recomputeEvaluationAction: "data:export" },
  "lib/actions/exports.ts": { startExportAction: "data:export", cancelExportAction: "data:export" },
  "lib/actions/gold.ts": { setMemberPausedAction: "campaign:manage", markGoldAction: "campaign:manage", unmarkGoldAction: "campaign:manage" },
  "lib/actions/imports.ts": { validateImportAction: "data:import", startImportAction: "data:import", cancelImportAction: "data:import" },
  "lib/actions/jobs.ts": { cancelAnyJobAction: "system:monitor" },
  "lib/actions/labeling.ts": {
    claimNextImagesAction: "labeling:work",
    submitDecisionAction: "labeling:work",
    saveDraftAction: "labeling:work",
    skipImageAction: "labeling:work",
    previousImageAction: "labeling:work",
    // A form action, not defineAction: it demands labeling:work through the claimNextImagesAction it calls.
    startLabelingAction: "labeling:work",
  },
  "lib/actions/review.ts": { resolveConsensusAction: "review:resolve", sendBackAction: "review:resolve", setConsensusRuleAction: "campaign:manage", cancelConsensusJobAction: "campaign:manage", publishConsensusAction: "review:resolve" },
  "lib/actions/users.ts": {
    createUserAction: "user:manage",
    setUserActiveAction: "user:manage",
    setUserRoleAction: "user:manage",
    resetPasswordAction: "user:manage",
    changeOwnPasswordAction: "account:own",
  },
};

/** Whether a visitor passes an endpoint's role check (ownership is checked apart: `foreign`, `membersOnly`). */
export function mayReach(visitor: Visitor, access: Access): boolean {
  if (access === "public") return true;
  const role = ROLE_OF[visitor];
  if (!role) return false;
  return access === "signed-in" || can({ role }, access);
}

export function fillUrl(url: string, values: Record<string, number | string>): string {
  return url.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`No value for {${key}} in ${url}`);
    return String(values[key]);
  });
}
