import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, type AccountName, storageState } from "./support/accounts";
import { signInThroughForm } from "./support/sign-in";

// Sign in once per role through the real form, starting at the root URL as a person does; specs reuse the stored session.
for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
  setup(`sign in as ${name}`, async ({ page }) => {
    await signInThroughForm(page, ACCOUNTS[name].email);
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
    await page.context().storageState({ path: storageState(name) });
  });
}
