import { expect, test } from "@playwright/test";
import { FACTORY_PASSWORD, seedUser } from "../lib/testing/factories";
import { ACCOUNTS, PASSWORD, storageState } from "./support/accounts";
import { e2eDb } from "./support/database";

test.describe("signed out", () => {
  test("pages send visitors to sign-in, and the image route refuses them", async ({ page, request }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
    const image = await request.get("/api/images/1");
    expect(image.status()).toBe(401);
    const robots = await request.get("/robots.txt");
    expect(await robots.text()).toContain("Disallow: /");
  });

  test("a wrong password is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ACCOUNTS.annotator.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a malformed or oversized sign-in is refused with a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    const form = page.getByRole("form", { name: "Sign in" });
    await page.getByLabel("Email").fill("not an email");
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("Enter a valid email address and your password.");
    await page.getByLabel("Email").fill(ACCOUNTS.annotator.email);
    await page.getByLabel("Password").fill("x".repeat(5000));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(form.getByRole("alert")).toHaveText("Enter a valid email address and your password.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a disabled user is told so and stays signed out", async ({ page }) => {
    const user = await seedUser(e2eDb(), "ANNOTATOR", { active: false });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(FACTORY_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("This account is disabled");
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("a user disabled while signed in loses access at the next request", async ({ page }) => {
    const db = e2eDb();
    const user = await seedUser(db, "ANNOTATOR");
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(FACTORY_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "My campaigns" })).toBeVisible();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test.describe("annotator", () => {
  test.use({ storageState: storageState("annotator") });

  test("cannot reach admin pages, which answer 404", async ({ page }) => {
    const response = await page.goto("/admin/imports");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });

  test("cannot upload import files", async ({ request }) => {
    const response = await request.post("/api/imports/upload", { data: "[]", headers: { "x-file-name": "real.json" } });
    expect(response.status()).toBe(404);
  });

  test("does not find another campaign's pages, nor unknown images", async ({ page }) => {
    const db = e2eDb();
    const dataset = await db.dataset.findFirstOrThrow({ select: { id: true } });
    const image = await db.image.findFirstOrThrow({ where: { bytes: { not: null } }, select: { id: true } });
    const outsider = await seedUser(db, "ANNOTATOR");
    const foreign = await db.campaign.create({ data: { datasetId: dataset.id, name: "Foreign", status: "ACTIVE", members: { create: { userId: outsider.id } } } });
    expect((await page.goto(`/label/${foreign.id}`))?.status()).toBe(404);
    expect((await page.goto(`/label/${foreign.id}/${image.id}`))?.status()).toBe(404);
    expect((await page.goto("/label/99999999/1"))?.status()).toBe(404);
    expect((await page.goto("/label/not-a-number"))?.status()).toBe(404);
  });
});

test("the demo password works for every demo role", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS.reviewer.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("reviewer", { exact: false }).first()).toBeVisible();
});
