import { randomBytes } from "node:crypto";
import { type Browser, expect, test } from "@playwright/test";
import { ACCOUNTS, type AccountName } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

const FILE = "ILSVRC2012_val_00000012.JPEG";

/** An annotator signs in from / in a browser of their own, opens the campaign and labels its one image by keyboard. */
async function labelInOwnBrowser(browser: Browser, account: AccountName, campaignName: string, className: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughForm(page, ACCOUNTS[account].email);
  await page.getByRole("button", { name: `Start labeling ${campaignName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(FILE);
  await page.keyboard.press("/");
  const search = page.getByRole("combobox", { name: "Find a class by name, wnid or index" });
  await expect(search).toBeFocused();
  await search.pressSequentially(className);
  await expect(page.getByRole("option").first()).toContainText(className);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: `Remove ${className}` })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();
  await context.close();
}

test("two annotators disagree in their browsers; the reviewer finds the image at the top of the queue and resolves it by keyboard", async ({ browser }) => {
  // Three people sign in and work one after the other: longer than one person's flow.
  test.setTimeout(240_000);
  const db = e2eDb();
  const { campaignId, imageIdOf } = await campaignWith([12], ["annotator", "annotator2"], { annotatorsPerImage: 2 });
  const campaignName = `Review round ${randomBytes(3).toString("hex")}`;
  await db.campaign.update({ where: { id: campaignId }, data: { name: campaignName } });

  await labelInOwnBrowser(browser, "annotator", campaignName, "tench");
  await labelInOwnBrowser(browser, "annotator2", campaignName, "goldfish");
  await expect.poll(async () => (await db.consensus.findFirst({ where: { campaignId } }))?.status).toBe("DISAGREED");

  const context = await browser.newContext();
  const page = await context.newPage();
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Review queue" })).toBeVisible();
  await page.getByLabel("Campaign", { exact: true }).selectOption({ label: campaignName });
  await page.getByRole("button", { name: "Apply" }).click();
  const firstRow = page.getByRole("table").getByRole("row").nth(1);
  await expect(firstRow.getByRole("link", { name: FILE })).toBeVisible();
  await expect(firstRow).toContainText("disagreed");
  await expect(firstRow).toContainText("tench");
  await expect(firstRow).toContainText("goldfish");
  await page.screenshot({ path: "/tmp/shots/review-queue.png", fullPage: true });

  await firstRow.getByRole("link", { name: FILE }).click();
  await expect(page.getByRole("heading", { level: 1, name: FILE })).toBeVisible();
  const decisions = page.getByRole("list", { name: "Decisions" });
  await expect(decisions).toContainText(ACCOUNTS.annotator.name);
  await expect(decisions).toContainText(ACCOUNTS.annotator2.name);
  await expect(page.getByRole("region", { name: "Sources" })).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toContainText("Take decision N");
  await page.screenshot({ path: "/tmp/shots/review-help.png" });
  await page.keyboard.press("Escape");

  // Take annotator 1's decision (tench), write a note, resolve.
  await page.keyboard.press("1");
  await expect(page.getByRole("button", { name: "Remove tench" })).toBeVisible();
  await page.keyboard.press("e");
  await expect(page.getByLabel("Note")).toBeFocused();
  await page.keyboard.type("fins and scales of a tench");
  await page.keyboard.press("Escape");
  await page.screenshot({ path: "/tmp/shots/review-screen.png" });
  await page.keyboard.press("Enter");
  // The queue's end: back to the (now empty) filtered queue.
  await expect(page.getByText("No image matches these filters.")).toBeVisible();
  const stored = await db.consensus.findFirstOrThrow({ where: { campaignId }, include: { resolvedBy: true } });
  expect(stored).toMatchObject({ status: "RESOLVED", classes: [0], note: "fins and scales of a tench", imageId: imageIdOf(12) });
  expect(stored.resolvedBy?.email).toBe(ACCOUNTS.reviewer.email);

  // The consensus and its history appear on the image's review screen.
  await page.getByLabel("Status", { exact: true }).selectOption("RESOLVED");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("table").getByRole("link", { name: FILE }).click();
  const history = page.getByRole("list", { name: "Consensus history" });
  await expect(history.getByRole("listitem")).toHaveCount(3);
  await expect(history.getByRole("listitem").first()).toContainText("resolved");
  await expect(history.getByRole("listitem").first()).toContainText(ACCOUNTS.reviewer.name);
  await expect(history).toContainText("disagreed");
  await page.screenshot({ path: "/tmp/shots/review-resolved.png" });

  await page.getByRole("link", { name: "Timeline" }).click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText(ACCOUNTS.annotator2.name);
  await expect(timeline).toContainText("fins and scales of a tench");
  await page.screenshot({ path: "/tmp/shots/review-timeline.png", fullPage: true });
  await context.close();
});

test("an annotator who opens /review gets the 404 page, and sees no Review link", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review", exact: true })).toHaveCount(0);
  expect((await page.goto("/review"))?.status()).toBe(404);
  const image = await e2eDb().image.findFirstOrThrow({ where: { fileKey: FILE } });
  const campaign = await e2eDb().campaign.findFirstOrThrow({ where: { name: "Prior studies, replayed" } });
  expect((await page.goto(`/review/${image.id}?campaign=${campaign.id}`))?.status()).toBe(404);
  expect((await page.goto(`/review/${image.id}/timeline`))?.status()).toBe(404);
});

test("the demo reviewer finds a non-empty queue of real disagreements between studies at once", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.goto("/review?campaign=" + (await e2eDb().campaign.findFirstOrThrow({ where: { name: "Prior studies, replayed" } })).id);
  await expect(page.getByRole("table").getByRole("row").nth(1)).toContainText("disagreed");
  await page.screenshot({ path: "/tmp/shots/review-demo-queue.png", fullPage: true });
});
