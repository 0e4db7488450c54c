import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

// The server's field errors appear beside their fields (described by them, marked invalid), not as one message for the whole form.
test("the campaign form shows the server's errors beside the name and the claim time, and creates nothing", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.admin.email, { path: "/admin/campaigns" });
  const form = page.getByRole("form", { name: "New campaign" });
  // Counted by what this form would write: the other worker's specs create campaigns meanwhile.
  const written = () => e2eDb().campaign.count({ where: { OR: [{ name: { in: ["", "   "] } }, { claimTtlSeconds: 99999 * 60 }] } });
  // Blank after trimming and over a week: both pass the browser's own checks, only the server refuses them.
  await form.getByLabel("Name").fill("   ");
  await form.getByLabel("Claim expires after (minutes)").fill("99999");
  await form.getByRole("button", { name: "Create campaign" }).click();

  await expect(form.getByRole("alert")).toHaveText("Some fields are not valid.");
  await expect(form.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription("Name the campaign.");
  await expect(form.getByLabel("Claim expires after (minutes)")).toHaveAccessibleDescription(/10080/);
  await expect(form.getByLabel("Annotators per image")).not.toHaveAttribute("aria-invalid");
  // Only the selection's own errors go beside the selection details (there are none here).
  await expect(form.getByRole("group", { name: "Selection details" })).not.toContainText("Name the campaign.");
  await page.screenshot({ path: "/tmp/shots/campaign-field-errors.png", fullPage: true });
  expect(await written()).toBe(0);
});

test("the import form shows the server's error beside the dataset field", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.admin.email, { path: "/admin/imports" });
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel(/Path on the server/).fill("anything.json");
  await form.getByLabel("Dataset", { exact: true }).fill("Not A Slug!");
  await form.getByRole("button", { name: "Validate" }).click();

  await expect(form.getByRole("alert")).toHaveText("Some fields are not valid.");
  await expect(form.getByLabel("Dataset", { exact: true })).toHaveAccessibleDescription("A dataset name uses lower-case letters, digits and dashes.");
  await expect(form.getByLabel(/Path on the server/)).not.toHaveAttribute("aria-invalid");
  await page.screenshot({ path: "/tmp/shots/import-field-errors.png", fullPage: true });
});
