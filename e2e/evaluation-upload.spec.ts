import { expect, test } from "@playwright/test";
import { makeNpy } from "../lib/import/parsers/test-helpers";
import { DEFAULT_DATASET } from "../lib/datasets";
import { seedDataset } from "../lib/testing/factories";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

test.use({ viewport: { width: 1280, height: 800 } });

// After an import the worker scores every model on the demo's 50,000 images again (a queued evaluation job) before the model shows.
const SCORING = { timeout: 240_000 };
const stamp = `${Date.now()}`;
const MODEL = `e2e-upload-${stamp}`;
const TITLE = `E2E upload ${stamp}`;

let smallDatasetId: number | undefined;

test.afterAll(async () => {
  // A model is dataset-wide state: take it out again so other specs see the demo's models only.
  await e2eDb().labelSource.deleteMany({ where: { name: { startsWith: "model:e2e-upload-" } } });
  if (smallDatasetId !== undefined) await e2eDb().dataset.delete({ where: { id: smallDatasetId } });
});

const csv = (rows: string[]) => ({ mimeType: "text/csv", buffer: Buffer.from(["file,class,score", ...rows].join("\n") + "\n") });

test("an admin uploads a model's predictions on the evaluation page; bad files say what is wrong; the model joins the table", async ({ page }) => {
  test.setTimeout(480_000);
  const images = await e2eDb().image.findMany({
    where: { dataset: { slug: DEFAULT_DATASET }, split: "VAL", fileNumber: { not: null }, labels: { some: { source: { kind: "ORIGINAL" } } } },
    select: { fileKey: true, fileNumber: true, labels: { where: { source: { kind: "ORIGINAL" } }, select: { classes: true } } },
    orderBy: { fileNumber: "asc" },
    take: 2,
  });
  // The demo holds all 50,000 validation images, so "not in the dataset" needs a dataset of its own: two images.
  const small = await seedDataset(e2eDb(), 2);
  smallDatasetId = small.datasetId;
  const smallSlug = (await e2eDb().dataset.findUniqueOrThrow({ where: { id: small.datasetId } })).slug;

  await signInThroughForm(page, ACCOUNTS.admin.email);
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Evaluation" }).click();
  await expect(page.getByRole("heading", { name: "Evaluation", level: 1 })).toBeVisible(SCORING);
  const form = page.getByRole("form", { name: "Import predictions" });
  await expect(form).toBeVisible(SCORING);
  await expect(form.getByLabel("Kind")).toHaveCount(0);
  const upload = form.getByLabel("…or upload a file");
  const path = form.getByLabel(/Path on the server/);

  // Unknown class: validating names the row and the wnid.
  await upload.setInputFiles({ name: `${MODEL}-bad-class.csv`, ...csv([`${images[0]!.fileKey},n99999999,0.9`]) });
  await expect(path).toHaveValue(/bad-class\.csv$/);
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("alert")).toContainText("Unknown wnid n99999999");
  // Named as uploaded, not by the server folder the upload was stored in.
  await expect(form.getByRole("alert")).toContainText(`${MODEL}-bad-class.csv (`);
  await expect(form.getByRole("alert")).not.toContainText("uploads/");

  // Wrong shape: a .npy of three rows where the dataset's order needs one per validation image.
  const npy = makeNpy("{'descr': '<i8', 'fortran_order': False, 'shape': (3, 1), }", new Uint8Array(24));
  await upload.setInputFiles({ name: `${MODEL}-short.npy`, mimeType: "application/octet-stream", buffer: Buffer.from(npy) });
  await expect(path).toHaveValue(/short\.npy$/);
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("alert")).toContainText("Expected 50000 rows (one per image), found 3");

  // Images the dataset does not hold: the import job fails and says so; no model appears.
  const history = page.getByRole("region", { name: "Prediction imports" });
  await upload.setInputFiles({ name: `${MODEL}-elsewhere.csv`, ...csv(["3,1,0.9"]) });
  await expect(path).toHaveValue(/elsewhere\.csv$/);
  await form.getByLabel("Dataset").fill(smallSlug);
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("started");
  const failed = history.getByRole("row").filter({ hasText: `${MODEL}-elsewhere.csv` });
  await expect(failed).toContainText("failed", SCORING);
  await expect(failed).toContainText(`None of the 1 predictions names an image of dataset "${smallSlug}"`);
  await expect(failed).not.toContainText("uploads/");
  await form.getByLabel("Dataset").fill(DEFAULT_DATASET);

  // A good file: its first image predicted right, its second wrong.
  const [first, second] = images as [(typeof images)[number], (typeof images)[number]];
  const right = first.labels[0]!.classes[0]!;
  const wrong = (second.labels[0]!.classes[0]! + 1) % 1000;
  await upload.setInputFiles({ name: `${MODEL}.csv`, ...csv([`${first.fileKey},${right},0.9`, `${second.fileKey},${wrong},0.8`]) });
  await expect(path).toHaveValue(new RegExp(`${MODEL}\\.csv$`));
  await form.getByLabel("source name (default model:<file name>)").fill(`model:${MODEL}`);
  await form.getByLabel("display title").fill(TITLE);
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("status")).toContainText(`predictions (source model:${MODEL}): 2 rows`);
  await form.getByRole("button", { name: "Import", exact: true }).click();
  await expect(form.getByRole("status")).toContainText("started");
  // Its validation has a row too (marked as one): the import's is the other.
  await expect(history.getByRole("row").filter({ hasText: `${MODEL}.csv` }).filter({ hasNotText: "Validation ·" })).toContainText("succeeded", SCORING);

  const table = page.getByRole("table", { name: "Accuracy of each model under each protocol" });
  const row = table.getByRole("row", { name: new RegExp(`^${TITLE} \\(${MODEL}\\)`) });
  await expect(row).toBeVisible(SCORING);
  // One top-1 prediction per image: no top-5, and the page says why.
  await expect(row).toContainText("top-1 only: no top-5");
  await expect(row.getByRole("cell").first()).toContainText("/ —");
  await page.screenshot({ path: "/tmp/shots/evaluation-upload.png", fullPage: true });

  await page.getByRole("link", { name: "× Val+Cross" }).click();
  await expect(page).toHaveURL(/slice=dup-valCross/);
  await expect(table.getByRole("row", { name: /^ResNet-50 \(resnet50\)/ })).toContainText("images", SCORING);
  await page.screenshot({ path: "/tmp/shots/evaluation-duplicates.png", fullPage: true });
});
