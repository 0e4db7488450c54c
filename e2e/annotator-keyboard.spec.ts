import { expect, type Page, test } from "@playwright/test";
import { storageState } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";

test.use({ storageState: storageState("annotator2") });

/** The file name in the page heading, e.g. ILSVRC2012_val_00000003.JPEG. */
async function currentFile(page: Page): Promise<string> {
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/ILSVRC2012_val_\d{8}\.JPEG/);
  return (await heading.textContent())!.trim();
}

async function waitForNext(page: Page, previous: string) {
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(previous);
}

test("label several images with the keyboard only: candidates, search, not-in-ImageNet, ambiguous, reload mid-draft, back and edit", async ({ page }) => {
  const { campaignId } = await campaignWith([3, 4, 5], ["annotator2"]);
  const db = e2eDb();
  await page.goto(`/label/${campaignId}`);

  // Image 1: toggle the first candidate, submit.
  const first = await currentFile(page);
  await page.keyboard.press("1");
  await expect(page.getByRole("region", { name: /Candidates/ }).getByRole("button", { pressed: true })).toHaveCount(1);
  await page.keyboard.press("Enter");
  await waitForNext(page, first);

  // Image 2: a class no source proposed, found by search, plus a label outside ImageNet.
  const second = await currentFile(page);
  await page.keyboard.press("/");
  const search = page.getByRole("combobox", { name: "Find a class by name, wnid or index" });
  await expect(search).toBeFocused();
  await search.pressSequentially("tench");
  await expect(page.getByRole("option").first()).toContainText("tench");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Remove tench" })).toBeVisible();
  await page.keyboard.press("n");
  const outside = page.getByRole("combobox", { name: /Not in ImageNet/ });
  await expect(outside).toBeFocused();
  await outside.pressSequentially("vole");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Remove vole" })).toBeVisible();
  await page.keyboard.press("Control+Enter");
  await waitForNext(page, second);

  // Image 3: ambiguous (blurry), autosaved, survives a reload, then submitted.
  const third = await currentFile(page);
  await page.keyboard.press("a");
  await page.keyboard.press("1");
  const blurry = page.getByRole("radiogroup", { name: "Ambiguous" }).getByRole("radio", { name: "Blurry" });
  await expect(blurry).toBeChecked();
  // The draft autosaves: wait until it is in the database, then reload.
  const thirdImageId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect
    .poll(async () => (await db.decisionDraft.findFirst({ where: { campaignId, imageId: thirdImageId } }))?.payload)
    .toMatchObject({ ambiguity: "BLURRY" });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(third);
  await expect(blurry).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible();

  // Back to image 3 (now via its page), then Backspace to image 2: the saved decision is shown and can be edited.
  await page.goto(`/label/${campaignId}/${thirdImageId}`);
  await expect(blurry).toBeChecked();
  await page.keyboard.press("Backspace");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second);
  await expect(page.getByRole("button", { name: "Remove tench" })).toBeVisible();
  await page.getByRole("button", { name: "Remove vole" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Remove vole" })).toHaveCount(0);
  await page.locator("body").focus();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(second);

  const decisions = await db.decision.findMany({ where: { campaignId }, include: { image: true }, orderBy: { id: "asc" } });
  expect(decisions).toHaveLength(3);
  const byFile = new Map(decisions.map((decision) => [decision.image.fileKey, decision]));
  expect(byFile.get(first)!.classes).toHaveLength(1);
  expect(byFile.get(second)).toMatchObject({ classes: [0], outsideLabels: [], version: 2 });
  expect(byFile.get(third)).toMatchObject({ ambiguity: "BLURRY", classes: [] });
  expect(decisions.every((decision) => decision.timeSpentMs !== null && decision.timeSpentMs > 0)).toBe(true);
});
