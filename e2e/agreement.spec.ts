import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { seedAgreementCampaign } from "../lib/testing/agreement-fixture";
import { seedCampaign, seedDataset, seedDecision, seedUser } from "../lib/testing/factories";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

test.use({ viewport: { width: 1280, height: 800 } });

test("the reviewer reads a campaign's agreement, sees its charts and downloads a table as CSV", async ({ page }) => {
  const { campaignId, emails } = await seedAgreementCampaign(e2eDb());
  const name = (await e2eDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } })).name;

  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agreement" }).click();
  await expect(page.getByRole("heading", { name: "Agreement", exact: true })).toBeVisible();
  await page.getByRole("link", { name }).click();

  await expect(page.getByRole("heading", { name: `Agreement in ${name}` })).toBeVisible();
  await expect(page.getByText("12 decisions by 3 annotators · 4 images with two or more decisions")).toBeVisible();
  // The hand-computed figures of lib/agreement/campaign-report.test.ts: 7/12, 13/58, 22/47.
  const figures = page.getByRole("definition");
  await expect(figures.filter({ hasText: /^0\.583$/ })).toHaveCount(1);
  await expect(figures.filter({ hasText: /^0\.224$/ })).toHaveCount(1);
  await expect(figures.filter({ hasText: /^0\.468$/ })).toHaveCount(1);

  const heatmap = page.getByRole("img", { name: "Heatmap of Cohen's kappa for 3 annotators" });
  // The matrix is symmetric: a × b and b × a.
  await expect(heatmap.locator("svg text").filter({ hasText: "0.667" })).toHaveCount(2);
  await expect(heatmap.getByText("agree-a-", { exact: false }).first()).toBeVisible();
  const bars = page.getByRole("img", { name: /Bar chart of Fleiss' kappa/ });
  await expect(bars.getByText("goldfish (1)")).toBeVisible();

  const pairs = page.getByRole("table", { name: "Annotator pairs" });
  await expect(pairs.getByRole("row")).toHaveCount(4);
  await expect(pairs.getByRole("row").nth(1)).toContainText(`${emails[0]}${emails[1]}4`);
  await expect(page.getByRole("table", { name: "Annotators against the consensus and the prior studies" }).getByRole("columnheader", { name: "vs real: κ" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/agreement-report.png", fullPage: true });
  await page.screenshot({ path: "/tmp/shots/agreement-report-viewport.png" });

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download annotator pairs as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`agreement-campaign-${campaignId}-pairs.csv`);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("annotator a,annotator b,images both labeled,percent agreement,Cohen's κ");
  expect(csv).toContain(`${emails[0]},${emails[1]},4,0.75,0.666667`);
});

test("a campaign with one decision per image says what to do instead of showing empty figures", async ({ page }) => {
  const db = e2eDb();
  const { datasetId, imageIds } = await seedDataset(db, 2);
  const annotator = await seedUser(db);
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [annotator.id] });
  await seedDecision(db, { campaignId, imageId: imageIds[0]!, userId: annotator.id, classes: [1] });

  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.goto(`/review/agreement?campaign=${campaignId}`);
  await expect(page.getByRole("heading", { name: "Not enough decisions to compare yet" })).toBeVisible();
  await expect(page.getByText(/two or more annotators per image/)).toBeVisible();
  await expect(page.getByRole("img")).toHaveCount(0);
  await page.screenshot({ path: "/tmp/shots/agreement-empty.png" });
});

test("an annotator gets the 404 page, for the report and for its CSV", async ({ page }) => {
  const { campaignId } = await seedAgreementCampaign(e2eDb());
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Agreement" })).toHaveCount(0);
  const response = await page.goto(`/review/agreement?campaign=${campaignId}`);
  expect(response?.status()).toBe(404);
  // Next's default 404 page here; main's own not-found page ("This page does not exist") after the merge.
  await expect(page.getByText(/This page (could not be found|does not exist)/).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Agreement in/ })).toHaveCount(0);
  expect((await page.request.get(`/review/agreement/${campaignId}/pairs.csv`)).status()).toBe(404);
  expect((await page.goto("/review/agreement"))?.status()).toBe(404);
  await page.screenshot({ path: "/tmp/shots/agreement-annotator-404.png" });
});

test("the admin reaches a campaign's agreement from its campaign page", async ({ page }) => {
  const { campaignId } = await seedAgreementCampaign(e2eDb());
  await signInThroughForm(page, ACCOUNTS.admin.email);
  await page.goto(`/admin/campaigns/${campaignId}`);
  await page.getByRole("main").getByRole("link", { name: "Agreement" }).click();
  await expect(page).toHaveURL(new RegExp(`/review/agreement\\?campaign=${campaignId}$`));
  await expect(page.getByRole("heading", { name: /^Agreement in / })).toBeVisible();
});
