import { expect, test } from "@playwright/test";
import { e2eDb } from "./support/database";
import { startLabeling } from "./support/labeling";

// Submit is optimistic: the next image is on screen before the second click of a double-click,
// which must not submit that untouched image (and greet it with "Choose at least one class").
test("double-clicking Submit submits the image once and leaves the next one untouched", async ({ page }) => {
  const { campaignId, imageId } = await startLabeling(page, [1, 2]);
  const heading = page.getByRole("heading", { level: 1 });
  const first = (await heading.textContent())!.trim();

  await page.keyboard.press("1");
  await expect(page.getByRole("region", { name: /Candidates/ }).getByRole("button", { pressed: true })).toHaveCount(1);
  await page.getByRole("button", { name: /^Submit/ }).dblclick();
  await expect(heading).not.toHaveText(first);

  await expect(page.getByText(/Choose at least one class/)).toHaveCount(0);
  await expect.poll(async () => e2eDb().decision.findMany({ where: { campaignId }, select: { imageId: true } })).toEqual([{ imageId }]);
});
