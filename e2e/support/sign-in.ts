import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "./accounts";

/**
 * Signs in the way a person does: open `path` (the root URL unless a deep link is given) signed
 * out, get sent to the sign-in form, fill it, and land back where they started.
 */
export async function signInThroughForm(page: Page, email: string, options: { path?: string; password?: string } = {}) {
  const path = options.path ?? "/";
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(options.password ?? PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}
