import { readFile } from "node:fs/promises";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { seedCampaign, seedConsensus, seedDataset, seedDecisionWithHistory } from "../lib/testing/factories";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

// New flows begin where a person begins: signed out at /.
test.use({ storageState: { cookies: [], origins: [] } });

const file = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;

/** A campaign over demo files 1–3: file 1 agreed on class 65 after an edit, file 2 disagreed, file 3 untouched. */
async function campaignWithConsensus() {
  const db = e2eDb();
  const { campaignId, imageIdOf } = await campaignWith([1, 2, 3], ["annotator", "annotator2"], { annotatorsPerImage: 2 });
  const [a, b] = await Promise.all([ACCOUNTS.annotator, ACCOUNTS.annotator2].map((account) => db.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } })));
  await seedDecisionWithHistory(db, { imageId: imageIdOf(1), campaignId, userId: a!.id, classes: [65], history: [{ classes: [64] }] });
  await seedDecisionWithHistory(db, { imageId: imageIdOf(1), campaignId, userId: b!.id, classes: [65], notes: "=clearly a sea snake" });
  await seedDecisionWithHistory(db, { imageId: imageIdOf(2), campaignId, userId: a!.id, classes: [795] });
  await seedDecisionWithHistory(db, { imageId: imageIdOf(2), campaignId, userId: b!.id, classes: [], outsideLabels: ["ski lift"] });
  await seedConsensus(db, { imageId: imageIdOf(1), campaignId, status: "AGREED", classes: [65], decisionCount: 2, agreement: 1 });
  await seedConsensus(db, { imageId: imageIdOf(2), campaignId, status: "DISAGREED", classes: [], decisionCount: 2, agreement: 0 });
  return campaignId;
}

/** Exports `scope` (an option of the form's Scope: `campaign:<id>` or `dataset:<slug>`) and downloads the file. */
async function exportAndDownload(page: Page, format: string, scope: string): Promise<{ id: number; name: string; text: string; row: Locator }> {
  const form = page.getByRole("form", { name: "New export" });
  await form.getByLabel("Format").selectOption(format);
  await form.getByLabel("Scope").selectOption(scope);
  await form.getByRole("button", { name: "Export" }).click();
  await expect(form.getByRole("status")).toContainText("started");
  const exportId = Number((await form.getByRole("status").textContent())!.match(/Export (\d+)/)![1]);
  const row = page.getByRole("region", { name: "History" }).getByRole("row").filter({ has: page.getByRole("cell", { name: String(exportId), exact: true }) });
  await expect(row).toContainText("succeeded", { timeout: 60_000 });
  const downloading = page.waitForEvent("download");
  await row.getByRole("link", { name: `Download export ${exportId}` }).click();
  const download = await downloading;
  return { id: exportId, name: download.suggestedFilename(), text: await readFile((await download.path())!, "utf8"), row };
}

test("an admin exports a campaign in every format and downloads each file", async ({ page }) => {
  const campaignId = await campaignWithConsensus();
  const positions = await e2eDb().image.aggregate({ where: { dataset: { slug: "imagenet-val" }, split: "VAL" }, _max: { fileNumber: true } });
  await signInThroughForm(page, ACCOUNTS.admin.email);
  // An admin finds Exports under the header's Admin entry.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("button", { name: "Admin pages" }).click();
  await nav.getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { name: "Exports" })).toBeVisible();

  const real = await exportAndDownload(page, "real-json", `campaign:${campaignId}`);
  expect(real.name).toBe(real.name.match(/^relabel-\d+-campaign-\d+-real-json\.json$/)![0]);
  const lists = JSON.parse(real.text) as number[][];
  expect(lists).toHaveLength(positions._max.fileNumber!);
  expect(lists.slice(0, 4)).toEqual([[65], [], [], []]);

  const csv = await exportAndDownload(page, "csv", `campaign:${campaignId}`);
  const lines = csv.text.trimEnd().split("\r\n");
  expect(lines[0]).toBe("file,labels,status,ambiguous,not_in_imagenet,n_decisions,agreement,method,updated_at");
  expect(lines.slice(1).map((line) => line.split(",").slice(0, 6).join(","))).toEqual([`${file(1)},65,agreed,false,,2`, `${file(2)},,disagreed,false,,2`, `${file(3)},,unlabeled,false,,0`]);

  const jsonl = await exportAndDownload(page, "jsonl", `campaign:${campaignId}`);
  const records = jsonl.text.trimEnd().split("\n").map((line) => JSON.parse(line));
  expect(records.map((r) => r.file)).toEqual([file(1), file(2), file(3)]);
  expect(records[0].decisions.map((d: { annotator: string; classes: number[] }) => [d.annotator, d.classes]).sort()).toEqual([[ACCOUNTS.annotator.email, [65]], [ACCOUNTS.annotator2.email, [65]]].sort());
  expect(records[0].decisions.find((d: { annotator: string }) => d.annotator === ACCOUNTS.annotator.email).revisions.map((r: { classes: number[] }) => r.classes)).toEqual([[64], [65]]);
  expect(records[0].sources.map((s: { source: string }) => s.source)).toContain("original");
  expect(records[0].consensus).toMatchObject({ status: "AGREED", classes: [65] });

  const clean = await exportAndDownload(page, "clean-list", `campaign:${campaignId}`);
  expect(clean.text).toBe(`${file(1)}\n`);

  // The history and its download links survive a reload.
  await page.reload();
  const history = page.getByRole("region", { name: "History" });
  for (const done of [real, csv, jsonl, clean]) {
    await expect(history.getByRole("link", { name: `Download export ${done.id}`, exact: true })).toBeVisible();
  }
  await expect(history.getByRole("row").filter({ has: page.getByRole("cell", { name: String(clean.id), exact: true }) })).toContainText(ACCOUNTS.admin.name);
  await page.screenshot({ path: "/tmp/shots/exports-admin.png", fullPage: true });
});

test("a reviewer can export and download too", async ({ page }) => {
  const campaignId = await campaignWithConsensus();
  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
  await page.getByRole("form", { name: "New export" }).getByLabel("Format").selectOption("clean-list");
  await expect(page.getByRole("group", { name: "Confident when" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/exports-reviewer-clean.png", fullPage: true });
  const csv = await exportAndDownload(page, "csv", `campaign:${campaignId}`);
  expect(csv.text.split("\r\n")[1]).toMatch(new RegExp(`^${file(1)},65,agreed,`));
});

test("a reviewer publishes a dataset's consensus from its campaigns, then exports the dataset with it", async ({ page }) => {
  const db = e2eDb();
  const { datasetId, imageIds } = await seedDataset(db, 2);
  const { slug } = await db.dataset.findUniqueOrThrow({ where: { id: datasetId }, select: { slug: true } });
  const reviewer = await db.user.findUniqueOrThrow({ where: { email: ACCOUNTS.reviewer.email }, select: { id: true } });
  const campaignId = await seedCampaign(db, { datasetId, imageIds, memberIds: [reviewer.id] });
  await seedConsensus(db, { imageId: imageIds[0]!, campaignId, status: "RESOLVED", classes: [7], decisionCount: 2, agreement: 0 });

  await signInThroughForm(page, ACCOUNTS.reviewer.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" }).click();
  const published = page.getByRole("region", { name: "Dataset consensus" }).getByRole("row").filter({ hasText: `(${slug})` });
  await expect(published).toContainText("not published yet");
  // Exported before publishing, the dataset's file says what is missing rather than looking empty for no reason.
  const before = await exportAndDownload(page, "csv", `dataset:${slug}`);
  await expect(before.row).toContainText("no consensus published yet");

  await published.getByRole("button", { name: `Publish the consensus of ${slug}` }).click();
  await expect(published).toContainText("version 1: 1 image,", { timeout: 60_000 });
  await expect(published).toContainText("succeeded");
  await page.screenshot({ path: "/tmp/shots/exports-published.png", fullPage: true });
  const after = await exportAndDownload(page, "csv", `dataset:${slug}`);
  expect(after.text.split("\r\n").slice(1, 3).map((line) => line.split(",").slice(0, 3).join(","))).toEqual([`${file(1)},7,resolved`, `${file(2)},,unlabeled`]);
});

test("an annotator finds no exports: no link, and 404 for the page and a download", async ({ page }) => {
  const exportId = (await e2eDb().export.findFirst({ select: { id: true } }))?.id ?? 1;
  await signInThroughForm(page, ACCOUNTS.annotator.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exports" })).toHaveCount(0);
  const response = await page.goto("/admin/exports");
  expect(response?.status()).toBe(404);
  expect((await page.request.get(`/api/exports/${exportId}/download`)).status()).toBe(404);
  expect((await page.request.get("/api/exports/stream?format=csv&dataset=imagenet-val")).status()).toBe(404);
});
