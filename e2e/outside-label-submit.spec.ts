import { expect, test } from "@playwright/test";
import { e2eDb } from "./support/database";
import { startLabeling } from "./support/labeling";

// A new user types what the image shows outside ImageNet and submits at once with Ctrl+Enter, as
// the shortcut help says works while typing, without first pressing Enter to add the label.
test("Ctrl+Enter in the not-in-ImageNet field submits the label just typed", async ({ page }) => {
  const { campaignId, imageId } = await startLabeling(page, [8]);

  await page.keyboard.press("n");
  const outside = page.getByRole("combobox", { name: /Not in ImageNet/ });
  await expect(outside).toBeFocused();
  await outside.pressSequentially("garden gnome");
  await page.keyboard.press("Control+Enter");

  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();
  await expect
    .poll(async () => e2eDb().decision.findFirst({ where: { campaignId, imageId }, select: { classes: true, outsideLabels: true } }))
    .toEqual({ classes: [], outsideLabels: ["garden gnome"] });
});

// The same with the mouse: the label is typed, and Submit clicked without pressing Enter first.
test("a click on Submit takes the label still being typed in the not-in-ImageNet field", async ({ page }) => {
  const { campaignId, imageId } = await startLabeling(page, [9]);

  const outside = page.getByRole("combobox", { name: /Not in ImageNet/ });
  await outside.click();
  await outside.pressSequentially("garden gnome");
  await page.getByRole("button", { name: "Submit" }).click();

  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();
  await expect
    .poll(async () => e2eDb().decision.findFirst({ where: { campaignId, imageId }, select: { classes: true, outsideLabels: true } }))
    .toEqual({ classes: [], outsideLabels: ["garden gnome"] });
});
