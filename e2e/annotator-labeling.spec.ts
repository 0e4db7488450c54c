import { expect, test } from "@playwright/test";
import { storageState } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";

test.use({ storageState: storageState("annotator") });

test("label a real validation image with its original and ReaL labels, save, reload: the decision is there", async ({ page }) => {
  // Image 2: original label "alp" (970); ReaL says {ski (795), alp}.
  const instructions = "Mark **every** class you see.\n\n- <script>alert(1)</script> stays text";
  const { campaignId, imageIdOf } = await campaignWith([2], ["annotator"], { instructions });
  await page.goto(`/label/${campaignId}`);
  await expect(page).toHaveURL(`/label/${campaignId}/${imageIdOf(2)}`);
  await expect(page.getByText("ILSVRC2012_val_00000002.JPEG").first()).toBeVisible();

  // The campaign's Markdown instructions render as formatted text, never as markup.
  await page.getByText("Campaign instructions").click();
  await expect(page.locator("details strong")).toHaveText("every");
  await expect(page.locator("details li")).toContainText("stays text");
  await expect(page.locator("details script")).toHaveCount(0);

  const image = page.getByRole("img", { name: /ILSVRC2012_val_00000002/ });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(500);

  const sources = page.getByRole("region", { name: "Sources" });
  await expect(sources.getByText("Original ImageNet label")).toBeVisible();
  const realRow = sources.locator("div").filter({ has: page.getByRole("term").filter({ hasText: "ReaL (Beyer et al. 2020)" }) }).last();
  await expect(realRow.getByRole("definition")).toHaveText("ski, alp");

  const candidates = page.getByRole("region", { name: /Candidates/ });
  await candidates.getByRole("button", { name: "alp", exact: true }).click();
  await candidates.getByRole("button", { name: "ski", exact: true }).click();
  await expect(candidates.getByRole("button", { name: "alp", exact: true })).toHaveAttribute("aria-pressed", "true");
  // Definitions show what each candidate class is, with its other names.
  await candidates.getByRole("button", { name: "Definitions" }).click();
  await expect(candidates.getByText("any high mountain")).toBeVisible();
  await expect(candidates.getByText("OpenAI: mountain")).toBeVisible();
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();

  const decision = await e2eDb().decision.findFirstOrThrow({ where: { campaignId, imageId: imageIdOf(2) } });
  expect(decision.classes).toEqual([795, 970]);

  await page.goto(`/label/${campaignId}/${imageIdOf(2)}`);
  await page.reload();
  await expect(candidates.getByRole("button", { name: "alp", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(candidates.getByRole("button", { name: "ski", exact: true })).toHaveAttribute("aria-pressed", "true");
});

test("skip an image with a reason: it goes back to the pool for others", async ({ page }) => {
  const { campaignId, imageIdOf } = await campaignWith([6], ["annotator"]);
  await page.goto(`/label/${campaignId}`);
  await expect(page).toHaveURL(`/label/${campaignId}/${imageIdOf(6)}`);
  // Keys work once the screen is there (it waits for the class list on a fresh page).
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("ILSVRC2012_val_00000006.JPEG");
  await page.keyboard.press("s");
  const dialog = page.getByRole("dialog", { name: "Skip this image" });
  await dialog.getByRole("radio").nth(1).check();
  await dialog.getByRole("button", { name: "Skip image" }).click();
  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();
  const assignment = await e2eDb().assignment.findFirstOrThrow({ where: { campaignId, imageId: imageIdOf(6) } });
  expect(assignment.status).toBe("SKIPPED");
  expect(assignment.skipReason).toBe("Image does not load or is broken");
  expect((await e2eDb().campaignImage.findFirstOrThrow({ where: { campaignId } })).openSlots).toBe(1);
});
