import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { consensusDedupKey, consensusJob } from "../lib/consensus/consensus-job";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

test("an admin's header fits one line at 1440 and 1024 wide; the Admin entry discloses every admin page, by mouse and by keyboard", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInThroughForm(page, ACCOUNTS.admin.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  const toggle = nav.getByRole("button", { name: "Admin pages" });
  await expect(nav.getByRole("link", { name: "Admin", exact: true })).toBeVisible();
  // Exports is one of the admin pages now, not a header link of its own.
  await expect(nav.getByRole("link", { name: "Exports" })).toHaveCount(0);
  await page.screenshot({ path: "/tmp/shots/admin-header-1440.png", clip: { x: 0, y: 0, width: 1440, height: 120 } });

  await page.setViewportSize({ width: 1024, height: 768 });
  const height = await nav.evaluate((element) => element.getBoundingClientRect().height);
  expect(height).toBeLessThanOrEqual(48);
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const pages = ["Overview", "Campaigns", "Imports", "Exports", "Jobs", "Users", "Audit", "Evaluation", "Analytics", "Suspect images"];
  for (const name of pages) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/admin-header-1024-open.png", clip: { x: 0, y: 0, width: 1024, height: 420 } });
  const results = await new AxeBuilder({ page }).include("header").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Escape closes it and gives focus back to the arrow; the keyboard opens it again and Tab reaches the pages.
  await page.keyboard.press("Escape");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(toggle).toBeFocused();
  await expect(nav.getByRole("link", { name: "Overview" })).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Overview" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(nav.getByRole("link", { name: "Imports" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Imports" })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");

  // Where jobs are mentioned, every job is one link away.
  await page.getByRole("link", { name: "All jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
});

test("a reviewer sees a campaign's queued recomputation above the review queue", async ({ page }) => {
  const { campaignId } = await campaignWith([1, 2], ["annotator"]);
  const name = (await e2eDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } })).name;
  // A job row alone (no queue entry): no worker picks it up, so it stays queued while the page is looked at.
  const job = await e2eDb().job.create({ data: { kind: consensusJob.name, payload: { campaignId }, dedupKey: consensusDedupKey(campaignId), title: `Consensus of campaign ${campaignId}`, message: "Waiting for a worker" } });
  try {
    await signInThroughForm(page, ACCOUNTS.reviewer.email, { path: `/review?campaign=${campaignId}&status=all` });
    const status = page.getByRole("status", { name: `Recomputation of “${name}”` });
    await expect(status).toContainText("queued");
    await expect(status).toContainText("Waiting for a worker");
    // Reviewers may not cancel a recomputation (campaign:manage).
    await expect(status.getByRole("button", { name: "Cancel the recomputation" })).toHaveCount(0);
    await page.screenshot({ path: "/tmp/shots/review-recomputation.png", clip: { x: 0, y: 0, width: 1280, height: 500 } });
  } finally {
    // Other specs open the review queue too: leave no queued recomputation behind.
    await e2eDb().job.update({ where: { id: job.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
  }
});

test("a reviewer's header links each admin-area page a reviewer may open, on one line", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("button", { name: "Admin pages" })).toHaveCount(0);
  for (const name of ["Exports", "Evaluation", "Analytics", "Suspect images"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  for (const name of ["Overview", "Campaigns", "Imports", "Jobs", "Users"]) await expect(nav.getByRole("link", { name, exact: true })).toHaveCount(0);
  expect(await nav.evaluate((element) => element.getBoundingClientRect().height)).toBeLessThanOrEqual(48);
  await page.screenshot({ path: "/tmp/shots/reviewer-header-1280.png", clip: { x: 0, y: 0, width: 1280, height: 120 } });
  await nav.getByRole("link", { name: "Analytics", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await nav.getByRole("link", { name: "Suspect images", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Images by suspicion" })).toBeVisible();
});
