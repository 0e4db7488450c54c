import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageState } from "./support/accounts";
import { e2eDb } from "./support/database";

test.use({ storageState: storageState("admin") });

const DEMO = path.resolve("prisma/demo");

test("the admin overview shows the same figures as `relabel stats`", async ({ page }) => {
  await page.goto("/admin");
  const images = await e2eDb().image.count({ where: { dataset: { slug: "imagenet-val" } } });
  await expect(page.getByRole("definition").first()).toHaveText(images.toLocaleString("en"));
  await expect(page.getByRole("cell", { name: /ReaL \(Beyer et al\. 2020\)/ })).toBeVisible();
});

test("validate an import, run it, and follow it in the history", async ({ page }) => {
  await page.goto("/admin/imports");
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel("Kind").selectOption("northcutt");
  await form.getByLabel(/Path on the server/).fill(path.join(DEMO, "label-errors/imagenet_mturk.json"));
  await form.getByLabel(/outcome rule/).selectOption("unanimous");
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("status")).toContainText("Valid. Importing would store:");
  await expect(form.getByRole("status")).toContainText("5,440 rows");
  const before = await e2eDb().labelSource.findFirstOrThrow({ where: { name: "northcutt" }, select: { options: true } });
  expect(before.options).toEqual({ rule: "majority" });

  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("started");
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row").nth(1)).toContainText("succeeded", { timeout: 30_000 });
  await expect(history.getByRole("row").nth(1)).toContainText("5,440 rows stored");
  const after = await e2eDb().labelSource.findFirstOrThrow({ where: { name: "northcutt" }, select: { options: true } });
  expect(after.options).toEqual({ rule: "unanimous" });
});

test("upload a file, then validate it", async ({ page }) => {
  await page.goto("/admin/imports");
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel("Kind").selectOption("openai-names");
  await form.getByLabel("…or upload a file").setInputFiles(path.join(DEMO, "clip-classnames/openai_imagenet_classes.json"));
  await expect(form.getByLabel(/Path on the server/)).toHaveValue(/uploads\/.+\/openai_imagenet_classes\.json$/);
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("status")).toContainText("openai-names: 1,000 rows");
});

test("a bad import says what is wrong and writes nothing", async ({ page }) => {
  await page.goto("/admin/imports");
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel("Kind").selectOption("real");
  await form.getByLabel(/Path on the server/).fill("/etc/passwd");
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("alert")).toContainText("in the folders imports may read from");

  // A file of the wrong kind inside an allowed folder: the parser names the problem.
  await form.getByLabel(/Path on the server/).fill(path.join(DEMO, "imagenet-classes/class_info.json"));
  const before = await e2eDb().sourceLabel.count({ where: { source: { name: "real" } } });
  await form.getByRole("button", { name: "Import", exact: true }).click();
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row").nth(1)).toContainText("failed", { timeout: 30_000 });
  await expect(history.getByRole("row").nth(1)).toContainText("class_info.json");
  expect(await e2eDb().sourceLabel.count({ where: { source: { name: "real" } } })).toBe(before);
});

test("create a blind campaign over a sample of the weasel family, see its progress, close it", async ({ page }) => {
  await page.goto("/admin/campaigns");
  const form = page.getByRole("form", { name: "New campaign" });
  await form.getByLabel("Name").fill("Weasel check");
  await form.getByLabel(/^Images/).selectOption("classes");
  await form.getByLabel(/Class indices/).fill("356, 357, 358, 359");
  await form.getByLabel("Only images whose pixels are available").uncheck();
  await form.getByLabel("Random sample of at most").fill("20");
  await form.getByRole("button", { name: "Count images" }).click();
  await expect(form.getByRole("status")).toHaveText("20 images match.");
  await form.getByLabel("Annotators per image").fill("3");
  await form.getByLabel(/Show prior labels/).uncheck();
  await form.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByRole("heading", { name: "Weasel check" })).toBeVisible();
  await expect(page.getByText("3 annotators per image · blind pass")).toBeVisible();
  const campaign = await e2eDb().campaign.findFirstOrThrow({ where: { name: "Weasel check" }, include: { images: { include: { image: { include: { labels: { where: { source: { kind: "ORIGINAL" } } } } } } } } });
  expect(campaign.images).toHaveLength(20);
  expect(campaign.images.every((entry) => [356, 357, 358, 359].includes(entry.image.labels[0]!.classes[0]!))).toBe(true);
  await page.getByRole("button", { name: "Close campaign" }).click();
  await expect(page.getByText("closed", { exact: true })).toBeVisible();
});
