import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../lib/db/embedded-postgres";
import { ACCOUNTS, PASSWORD } from "./support/accounts";
import { E2E_HOME } from "./support/environment";
import { signInThroughForm } from "./support/sign-in";

// A second app server on the already built .next whose database is a closed port: the shared e2e
// database stays up for the other specs. It signs sessions with the e2e server's secret, so a
// session made there (cookies ignore the port) reaches pages that then need the database.
let broken: ChildProcess;
let brokenUrl: string;
let closedPort: number;

test.beforeAll(async () => {
  const port = await freePort();
  closedPort = await freePort();
  brokenUrl = `http://127.0.0.1:${port}`;
  broken = spawn(path.resolve("node_modules/.bin/next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      DATABASE_URL: `postgresql://relabel:relabel@127.0.0.1:${closedPort}/relabel`,
      NEXTAUTH_SECRET: readFileSync(path.join(E2E_HOME, "auth-secret"), "utf8").trim(),
      NEXTAUTH_URL: brokenUrl,
    },
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${brokenUrl}/sign-in`).catch(() => null))?.status, { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(() => {
  broken?.kill("SIGTERM");
});

test("signing in while the database is down shows a generic sentence, never the database's message", async ({ page }) => {
  await page.goto(`${brokenUrl}/`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
  await page.getByLabel("Email").fill(ACCOUNTS.annotator.email);
  await page.getByLabel("Password").fill(PASSWORD);
  const answer = page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  const said = await (await answer).text();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText(
    "Signing in is not possible right now. Try again in a few minutes; if it keeps failing, tell your administrator.",
  );
  await expect(page).toHaveURL(/\/sign-in/);
  await page.screenshot({ path: "/tmp/shots/first-contact-sign-in-unavailable.png" });
  expect(said).toContain("unavailable");
  expect(said).not.toMatch(/reach database|ECONNREFUSED|prisma/i);
  expect(said).not.toContain(String(closedPort));
});

test("a page that needs the database shows the error page, which offers to try again", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await page.goto(`${brokenUrl}/`);
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await expect(page.getByText("Relabel could not show this page.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/database|prisma|ECONNREFUSED/i);
  await page.screenshot({ path: "/tmp/shots/first-contact-error-page.png" });

  // Still down: trying again answers with the same page, not a blank one.
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
});

test("an address that leads nowhere shows the not-found page", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/first-contact-not-found.png" });
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
});
