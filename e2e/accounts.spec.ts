import { type Browser, expect, type Page, test } from "@playwright/test";
import { FACTORY_PASSWORD, seedUser } from "../lib/testing/factories";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

// New flows begin signed out at "/". The demo admin never signs out here: sign-out ends every
// session of a user, and other specs share the admin's stored session.

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

async function openAdmin(page: Page, link: "Users" | "Audit") {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: link }).click();
  await expect(page.getByRole("heading", { level: 1, name: link === "Users" ? "Users" : "Audit log" })).toBeVisible();
}

test("an admin creates a user who signs in; disabling them ends their session at the next request", async ({ browser }) => {
  // Three sign-ins and two admin pages: longer than the default minute on a busy machine.
  test.setTimeout(180_000);
  const admin = await freshPage(browser);
  await signInThroughForm(admin, ACCOUNTS.admin.email);
  await openAdmin(admin, "Users");

  const email = `newcomer-${Date.now()}@relabel.test`;
  const form = admin.getByRole("form", { name: "New user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Nia Newcomer");
  await form.getByLabel("Role").selectOption("REVIEWER");
  await form.getByLabel("Initial password").fill("aaaaaaaaaa");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("alert")).toContainText("Repeated characters");
  await form.getByLabel("Initial password").fill("quiet lantern orchard 42");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toHaveText(`Created ${email}.`);
  const row = admin.getByRole("row", { name: new RegExp(email) });
  await expect(row).toContainText("never");
  await admin.screenshot({ path: "/tmp/shots/accounts-admin-users.png", fullPage: true });

  const newcomer = await freshPage(browser);
  await signInThroughForm(newcomer, email, { password: "quiet lantern orchard 42" });
  await expect(newcomer.getByRole("heading", { name: "My campaigns" })).toBeVisible();

  await admin.getByRole("button", { name: `Disable ${email}` }).click();
  await expect(row.getByRole("status")).toHaveText("Disabled; their sessions ended.");
  await expect(row).toContainText("disabled");

  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill("quiet lantern orchard 42");
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("This account is disabled. Ask an administrator to enable it.");

  // The audit log shows both changes, attributed to the admin.
  await openAdmin(admin, "Audit");
  // A select's accessible name includes its chosen option ("Entity any"), hence the prefix match.
  await admin.getByRole("combobox", { name: /^Entity/ }).selectOption("user");
  const created = await e2eDb().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  await admin.getByLabel("Entity id").fill(String(created.id));
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(new RegExp(`entityId=${created.id}`));
  const entries = admin.getByRole("table").getByRole("row");
  await expect(entries.filter({ hasText: "user.disable" })).toContainText(ACCOUNTS.admin.email);
  await expect(entries.filter({ hasText: "user.create" })).toContainText(ACCOUNTS.admin.email);
  await expect(entries.filter({ hasText: "auth.sign-in" }).first()).toBeVisible();
  await admin.screenshot({ path: "/tmp/shots/accounts-admin-audit.png", fullPage: true });
});

test("a session cookie copied before sign-out stops working after it", async ({ browser }) => {
  const user = await seedUser(e2eDb(), "REVIEWER");
  const owner = await freshPage(browser);
  await signInThroughForm(owner, user.email, { password: FACTORY_PASSWORD });
  const cookies = await owner.context().cookies();
  expect(cookies.map((cookie) => cookie.name)).toContain("next-auth.session-token");

  const thief = await freshPage(browser);
  await thief.context().addCookies(cookies);
  await thief.goto("/");
  await expect(thief.getByRole("heading", { name: "My campaigns" })).toBeVisible();

  await owner.getByRole("button", { name: "Sign out" }).click();
  await expect(owner).toHaveURL(/\/sign-in/);

  await thief.goto("/");
  await expect(thief).toHaveURL(/\/sign-in/);
  await expect(thief.getByRole("form", { name: "Sign in" })).toBeVisible();
});

test("repeated wrong passwords lock the account with a clear wait, even for the right password", async ({ page }) => {
  const user = await seedUser(e2eDb(), "REVIEWER");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  const form = page.getByRole("form", { name: "Sign in" });
  const failures = () => e2eDb().auditLog.count({ where: { action: "auth.sign-in-failed", entityId: String(user.id) } });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("Password").fill(`wrong password ${attempt}`);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText(attempt < 5 ? "Wrong email or password." : "Too many attempts. Try again in 1 minute.");
    // The same alert text repeats between attempts: wait until the server has recorded this one.
    await expect.poll(failures).toBe(attempt);
  }
  await form.getByLabel("Password").fill(FACTORY_PASSWORD);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText("Too many attempts. Try again in 1 minute.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.screenshot({ path: "/tmp/shots/accounts-sign-in-rate-limited.png" });

  const entries = await e2eDb().auditLog.findMany({ where: { action: "auth.sign-in-failed", entityId: String(user.id) }, select: { details: true }, orderBy: { id: "asc" } });
  expect(entries.map((entry) => (entry.details as { reason: string }).reason)).toEqual([...Array(5).fill("invalid-credentials"), "rate-limited"]);
});

test("an annotator gets a 404 from the account and audit pages", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  for (const path of ["/admin/users", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
  await expect(page.getByRole("heading", { name: "Users" })).toHaveCount(0);
});
