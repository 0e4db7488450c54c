import { expect, type Browser, type BrowserContext } from "@playwright/test";
import type { Visitor } from "../../lib/testing/access-matrix";
import { holdImages } from "../../lib/campaigns/queue";
import { FACTORY_PASSWORD, seedCampaign, seedUser } from "../../lib/testing/factories";
import { ACCOUNTS } from "./accounts";
import { e2eDb } from "./database";
import { signInThroughForm } from "./sign-in";

export type MatrixFixture = Awaited<ReturnType<typeof arrangeMatrix>>;

/**
 * Rows of its own for the matrix on the shared server: a fresh annotator with one campaign of two
 * demo images (one of them claimed), an outsider's campaign over a third image, and a user to disable.
 * Reviewer and admin are the demo accounts; the review campaign and a duplicate group come from the demo.
 */
export async function arrangeMatrix() {
  const db = e2eDb();
  const [annotator, outsider, disabled] = await Promise.all([seedUser(db, "ANNOTATOR"), seedUser(db, "ANNOTATOR"), seedUser(db, "ANNOTATOR")]);
  const images = await db.image.findMany({ where: { split: "VAL", bytes: { not: null } }, orderBy: { id: "asc" }, take: 3, select: { id: true, datasetId: true } });
  const [own, other, foreign] = images as [(typeof images)[0], (typeof images)[0], (typeof images)[0]];
  const ownCampaign = await seedCampaign(db, { datasetId: own.datasetId, imageIds: [own.id, other.id], memberIds: [annotator.id] });
  const foreignCampaign = await seedCampaign(db, { datasetId: own.datasetId, imageIds: [foreign.id], memberIds: [outsider.id] });
  const claimed = await holdImages(db, annotator.id, ownCampaign, 1);
  const review = await db.campaign.findFirstOrThrow({ where: { name: "Prior studies, replayed" }, select: { id: true, images: { take: 1, orderBy: { position: "asc" }, select: { imageId: true } } } });
  const group = await db.duplicateGroup.findFirstOrThrow({ select: { id: true } });
  const values = {
    ownCampaign,
    foreignCampaign,
    ownImage: claimed[0]!.imageId,
    foreignImage: foreign.id,
    reviewCampaign: review.id,
    reviewImage: review.images[0]!.imageId,
    group: group.id,
  };
  return { values, annotator, outsider, disabled };
}

/** One signed-in browser context per visitor, each signed in through the form; the disabled one is disabled after signing in. */
export async function contextFor(browser: Browser, visitor: Visitor, fixture: MatrixFixture): Promise<BrowserContext> {
  const context = await browser.newContext();
  if (visitor === "signed-out") return context;
  const page = await context.newPage();
  const email = { annotator: fixture.annotator.email, disabled: fixture.disabled.email, reviewer: ACCOUNTS.reviewer.email, admin: ACCOUNTS.admin.email }[visitor];
  const password = visitor === "annotator" || visitor === "disabled" ? FACTORY_PASSWORD : undefined;
  await signInThroughForm(page, email, { password });
  await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
  if (visitor === "disabled") await e2eDb().user.update({ where: { id: fixture.disabled.id }, data: { active: false } });
  await page.close();
  return context;
}
