import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { signInThroughForm } from "./support/sign-in";

const ORIGINAL = "ILSVRC2012_val_00000012.JPEG";
const MIRROR = "derived-mirror-of-ILSVRC2012_val_00000012.JPEG";
const RESIZED = "derived-resized-of-ILSVRC2012_val_00000012.JPEG";

test("a reviewer opens a duplicate group, compares a pair, applies a label to the group and sees every member's consensus change", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Duplicates" }).click();
  await expect(page.getByRole("heading", { name: "Duplicates" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/duplicates-list.png", fullPage: true });

  // The demo's derived mirror and resize of val 12 form one near group with it.
  await page.getByRole("link", { name: /^Group \d+: 3 images$/ }).click();
  await expect(page.getByRole("heading", { name: /^Duplicate group \d+$/ })).toBeVisible();
  const members = page.getByRole("list", { name: "Members" });
  for (const file of [ORIGINAL, MIRROR, RESIZED]) await expect(members.getByRole("listitem", { name: file, exact: true })).toBeVisible();

  const diff = page.waitForResponse((response) => response.url().includes("/api/duplicates/diff"));
  await members.getByRole("listitem", { name: ORIGINAL, exact: true }).getByRole("link", { name: `Compare with ${MIRROR}` }).click();
  const pair = page.getByRole("region", { name: "Pair comparison" });
  await expect(pair.getByRole("heading", { name: `Pair: ${ORIGINAL} and ${MIRROR}` })).toBeVisible();
  expect((await diff).status()).toBe(200);
  await expect(pair.getByRole("img", { name: "|a − b| (brightened 3×)" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/duplicates-pair.png", fullPage: true });

  for (const file of [ORIGINAL, MIRROR, RESIZED]) await expect(members.getByRole("listitem", { name: file, exact: true })).not.toContainText("resolved: goldfish");
  await page.getByRole("spinbutton", { name: "Another class index" }).fill("1");
  await page.getByRole("button", { name: "Apply label to group" }).click();
  await expect(page.getByRole("status")).toHaveText("Label applied to 3 images.");
  for (const file of [ORIGINAL, MIRROR, RESIZED]) {
    await expect(members.getByRole("listitem", { name: file, exact: true })).toContainText("Consensus: resolved: goldfish (1)");
  }
  await page.getByRole("button", { name: "Augmentation" }).click();
  await expect(page.getByText(/marked augmentation by Rey Reviewer/)).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/duplicates-group.png", fullPage: true });
});

test("an annotator finds no duplicates page and no link to it", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Duplicates" })).toHaveCount(0);
  const response = await page.goto("/duplicates");
  expect(response?.status()).toBe(404);
});
