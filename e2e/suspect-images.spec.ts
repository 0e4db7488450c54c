import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { signInThroughForm } from "./support/sign-in";

// Most ranked images have no pixels in the demo (96 of 50,005 do), so each row must open a page
// that exists for every image: its timeline, not the image file.
test("an admin opens Suspect images from the Admin menu and the most suspect image's row opens its timeline", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.admin.email);
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("button", { name: "Admin pages" }).click();
  await nav.getByRole("link", { name: "Suspect images", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Images by suspicion" })).toBeVisible();

  const first = page.getByRole("row").nth(1).getByRole("link");
  const fileKey = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole("heading", { level: 1, name: `Timeline of ${fileKey}` })).toBeVisible();
  await expect(page.getByText("Original ImageNet label")).toBeVisible();
});
