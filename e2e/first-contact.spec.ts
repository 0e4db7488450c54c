import { expect, type Page, test } from "@playwright/test";
import { ACCOUNTS, PASSWORD } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { signInThroughForm } from "./support/sign-in";

// Every test starts where a new user starts: signed out (a fresh context), at the root URL or a link.

/**
 * Records main-frame navigations from now on: a sign-in that loops shows up as hundreds of them.
 * Each document counts twice: its load, and the App Router's history.replaceState on hydration
 * (Playwright reports same-document navigations too).
 */
function recordNavigations(page: Page): string[] {
  const urls: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) urls.push(new URL(frame.url()).pathname + new URL(frame.url()).search);
  });
  return urls;
}

/** Two documents (the sign-in form, then the destination), each seen at most twice. */
/** Sign-in, then the target, with only the pages named in `via` (each loaded once) in between. */
function expectOnlySignInThenTarget(urls: string[], target: string, via: string[] = []) {
  const documents = urls.filter((url, index) => url !== urls[index - 1]);
  expect(documents, urls.join(" → ")).toEqual([expect.stringMatching(/^\/sign-in\?callbackUrl=/), ...via, target]);
  expect(urls.length, urls.join(" → ")).toBeLessThanOrEqual(4 + 2 * via.length);
}

const HOME_ROLES = [
  { name: "admin", role: "admin" },
  { name: "reviewer", role: "reviewer" },
  { name: "annotator", role: "annotator" },
] as const;

for (const { name, role } of HOME_ROLES) {
  test(`the ${name} opens the root URL, signs in and lands on the home page without extra navigations`, async ({ page, baseURL }) => {
    const navigations = recordNavigations(page);
    await signInThroughForm(page, ACCOUNTS[name].email);
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText(`${ACCOUNTS[name].name} · ${role}`);
    // Once the page is quiet nothing re-navigates: / (redirected to /sign-in), then / after signing in.
    await page.waitForLoadState("networkidle");
    expectOnlySignInThenTarget(navigations, "/");
    if (name === "annotator") await page.screenshot({ path: "/tmp/shots/first-contact-home.png" });
  });
}

test("the sign-in page a new user sees first", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
  await expect(page.getByRole("heading", { name: "Sign in to Relabel" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  // The tab's icon, which the proxy once sent to sign-in like a page (it answered with the form's HTML).
  const icon = await page.request.get((await page.locator('link[rel="icon"]').getAttribute("href"))!, { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/svg+xml");
  await page.screenshot({ path: "/tmp/shots/first-contact-sign-in.png" });
});

test("a deep link to a campaign opened signed out lands on that campaign after signing in", async ({ page }) => {
  const { campaignId, imageIdOf } = await campaignWith([7], ["annotator"]);
  const navigations = recordNavigations(page);
  await signInThroughForm(page, ACCOUNTS.annotator.email, { path: `/label/${campaignId}` });
  await expect(page).toHaveURL(`/label/${campaignId}/${imageIdOf(7)}`);
  await expect(page.getByText("ILSVRC2012_val_00000007.JPEG").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The campaign's page only reads; it claims the next image through an action and moves on to it.
  expectOnlySignInThenTarget(navigations, `/label/${campaignId}/${imageIdOf(7)}`, [`/label/${campaignId}`]);
});

test("a deep link to the admin's imports opened signed out lands there after signing in", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.admin.email, { path: "/admin/imports" });
  await expect(page).toHaveURL("/admin/imports");
  await expect(page.getByRole("heading", { name: "Imports", level: 1 })).toBeVisible();
});

// Raw query strings: the server decodes them, so "/%09/evil.example" arrives as "/<tab>/evil.example".
const FOREIGN_CALLBACKS = [
  { label: "//evil.example", query: "//evil.example" },
  { label: "/\\evil.example", query: "/%5Cevil.example" },
  { label: "/%09/evil.example", query: "/%09/evil.example" },
  { label: "https://evil.example", query: "https%3A%2F%2Fevil.example" },
  { label: "javascript:alert(1)", query: "javascript:alert(1)" },
];

for (const { label, query } of FOREIGN_CALLBACKS) {
  test(`callbackUrl ${label} ends on this site's home page, signing in and signed in`, async ({ page, baseURL }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`/sign-in?callbackUrl=${query}`);
    await page.getByLabel("Email").fill(ACCOUNTS.annotator.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();

    // Already signed in, the sign-in page redirects at once (the case that answered `Location: /\evil.example`).
    await page.goto(`/sign-in?callbackUrl=${query}`);
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
    expect(dialogs).toEqual([]);
  });
}
