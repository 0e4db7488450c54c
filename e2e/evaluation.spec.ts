import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { signInThroughForm } from "./support/sign-in";

test.use({ viewport: { width: 1280, height: 800 } });

// The table is computed by the worker from the demo's start (every model on 50,000 images), behind other specs' jobs on a busy 2-core machine.
const FIRST_RENDER = { timeout: 240_000 };

test("an admin evaluates the demo models under every protocol, sees the rank chart, then opens analytics", async ({ page }) => {
  test.setTimeout(300_000);
  await signInThroughForm(page, ACCOUNTS.admin.email);
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Evaluation" }).click();
  await expect(page.getByRole("heading", { name: "Evaluation", level: 1 })).toBeVisible(FIRST_RENDER);

  const table = page.getByRole("table", { name: "Accuracy of each model under each protocol" });
  await expect(table.getByRole("columnheader", { name: "Original labels" })).toBeVisible(FIRST_RENDER);
  await expect(table.getByRole("columnheader", { name: "ReaL" })).toBeVisible();
  // The demo bundle ships six models' predictions (and cleanlab's cross-validated top-1).
  // Models another spec uploads meanwhile are not the demo's.
  await expect(table.getByRole("rowheader").filter({ hasNotText: "E2E upload" })).toHaveCount(7);
  const resnet = table.getByRole("row", { name: /^ResNet-50 \(resnet50\)/ });
  await expect(resnet).toContainText("76.13%");
  await expect(resnet).toContainText("50,000 images");
  const chart = page.getByRole("img", { name: /Rank of each model/ });
  await expect(chart.getByRole("application")).toBeVisible();
  // Seven long model names wrap the legend onto a second line: the plot starts below it. Every
  // protocol of the table is named under its points.
  const legend = (await chart.locator(".recharts-default-legend").boundingBox())!;
  const plot = (await chart.locator(".recharts-cartesian-grid").boundingBox())!;
  expect(legend.y + legend.height).toBeLessThanOrEqual(plot.y + 1);
  const protocols = (await table.getByRole("columnheader").count()) - 1;
  await expect(chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-label")).toHaveCount(protocols);
  await page.screenshot({ path: "/tmp/shots/evaluation.png", fullPage: true });

  await page.getByRole("link", { name: "Problematic class groups" }).click();
  await expect(page).toHaveURL(/slice=problematicGroups/);
  await expect(resnet).not.toContainText("50,000 images");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download accuracy table as CSV" }).click();
  expect((await download).suggestedFilename()).toBe("evaluation.csv");

  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible(FIRST_RENDER);
  await expect(page.getByRole("heading", { name: "Prior-study overlap" })).toBeVisible(FIRST_RENDER);
  await expect(page.getByRole("img", { name: /number of studies/ }).getByRole("application")).toBeVisible();
  const confusion = page.getByRole("form", { name: "Confusion matrix" });
  await expect(confusion.getByLabel(/Classes/)).toHaveValue("281,282,292");
  await expect(page.getByRole("rowheader", { name: "281 tabby" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/analytics.png", fullPage: true });
});

test("an annotator gets a 404 for evaluation, analytics and their CSV", async ({ page }) => {
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await expect(page.getByRole("link", { name: "Evaluation" })).toHaveCount(0);
  for (const path of ["/admin/evaluation", "/admin/analytics"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
  }
  const csv = await page.request.get("/api/charts/evaluation");
  expect(csv.status()).toBe(404);
});

test("a reviewer reaches evaluation from the header", async ({ page }) => {
  test.setTimeout(300_000);
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Evaluation" }).click();
  await expect(page.getByRole("table", { name: "Accuracy of each model under each protocol" })).toBeVisible(FIRST_RENDER);
});
