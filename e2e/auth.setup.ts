import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, type AccountName, PASSWORD, storageState } from "./support/accounts";

// Sign in once per role through the real form; specs reuse the stored session.
for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
  setup(`sign in as ${name}`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ACCOUNTS[name].email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
    await page.context().storageState({ path: storageState(name) });
  });
}
