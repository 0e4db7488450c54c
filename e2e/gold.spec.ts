import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

const file = (n: number) => `ILSVRC2012_val_${String(n).padStart(8, "0")}.JPEG`;
// Gold answers the admin types: image 41 is a tench (0), image 42 a goldfish (1).
const GOLD = [
  { n: 41, classIndex: 0 },
  { n: 42, classIndex: 1 },
];

test("an admin marks gold images, a campaign mixes them in, the annotator misses one, the admin sees it and pauses them", async ({ browser }) => {
  test.setTimeout(300_000);
  const admin = await (await browser.newContext()).newPage();
  await signInThroughForm(admin, ACCOUNTS.admin.email);
  for (const gold of GOLD) {
    const search = admin.getByLabel("Search images by file name");
    await search.fill(file(gold.n));
    await search.press("Enter");
    await admin.getByRole("link", { name: `Timeline of ${file(gold.n)}`, exact: true }).click();
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Timeline of ${file(gold.n)}`);
    const answer = admin.getByRole("region", { name: "Gold answer" });
    if (gold.n === 41) {
      // Any outcome a decision may have, under the decision's rules: first "several classes possible", refused with one class.
      await answer.getByLabel(/Class indices/).fill("");
      await answer.getByLabel("Ambiguous").selectOption("Several classes possible");
      await answer.getByLabel("Possible classes (at least two)").fill("0");
      await answer.getByRole("button", { name: /Make gold|Change gold answer/ }).click();
      await expect(answer.getByLabel("Possible classes (at least two)")).toHaveAccessibleDescription("Pick the classes that are possible (at least two).");
      await answer.getByLabel("Possible classes (at least two)").fill("0, 1");
      await answer.getByRole("button", { name: /Make gold|Change gold answer/ }).click();
      await expect(answer).toContainText("Gold: ambiguous (Several classes possible: 0, 1) (typed)");
      await admin.screenshot({ path: "/tmp/shots/gold-answer-ambiguous.png", fullPage: true });
      await answer.getByLabel("Ambiguous").selectOption("Not ambiguous");
    }
    await answer.getByLabel("Class indices (0–999)").fill(String(gold.classIndex));
    await answer.getByRole("button", { name: /Make gold|Change gold answer/ }).click();
    await expect(answer).toContainText(`Gold: ${gold.classIndex} (typed)`);
    await admin.screenshot({ path: "/tmp/shots/gold-answer.png", fullPage: true });
    await admin.goto("/");
  }

  // Two regular images and a share of one half: both gold images join the queue.
  const { campaignId } = await campaignWith([43, 44], ["annotator2"], { gold: { share: 0.5, pauseBelow: null, minAnswers: 1 } });
  const name = `Gold round ${randomBytes(3).toString("hex")}`;
  await e2eDb().campaign.update({ where: { id: campaignId }, data: { name } });

  const annotator = await (await browser.newContext()).newPage();
  await signInThroughForm(annotator, ACCOUNTS.annotator2.email);
  await annotator.getByRole("button", { name: `Start labeling ${name}` }).click();
  for (let i = 0; i < 4; i++) {
    const heading = annotator.getByRole("heading", { level: 1 });
    // The first claim and each next image can take a while on the shared 2-core CI machine.
    await expect(heading).toHaveText(/ILSVRC2012_val_0000004[1-4]\.JPEG/, { timeout: 60_000 });
    const shown = (await heading.textContent()) ?? "";
    // Every image gets "tench": right for 41, a miss for 42.
    await annotator.keyboard.press("/");
    const search = annotator.getByRole("combobox", { name: "Find a class by name, wnid or index" });
    await expect(search).toBeFocused();
    await search.pressSequentially("tench");
    await expect(annotator.getByRole("option").first()).toContainText("tench");
    await annotator.keyboard.press("Enter");
    await expect(annotator.getByRole("button", { name: "Remove tench" })).toBeVisible();
    if (i === 0) await annotator.screenshot({ path: "/tmp/shots/gold-workbench.png", fullPage: true });
    await annotator.keyboard.press("Enter");
    if (i < 3) await expect(heading).not.toHaveText(shown, { timeout: 60_000 });
  }
  await expect(annotator.getByRole("heading", { name: "Nothing left to label here" })).toBeVisible({ timeout: 60_000 });

  await admin.goto(`/admin/campaigns/${campaignId}`);
  const gold = admin.getByRole("region", { name: "Gold accuracy" });
  await expect(gold).toContainText("2 gold images");
  const row = gold.getByRole("row", { name: new RegExp(ACCOUNTS.annotator2.email) });
  await expect(row.getByRole("cell").nth(1)).toHaveText("2");
  await expect(row.getByRole("cell").nth(2)).toHaveText("50%");
  await expect(row.getByRole("link", { name: file(42) })).toBeVisible();
  await expect(row).not.toContainText(file(41));
  await row.getByRole("button", { name: `Pause ${ACCOUNTS.annotator2.name}` }).click();
  await expect(row).toContainText("Paused: paused by an admin");
  await expect(row.getByRole("button", { name: `Resume ${ACCOUNTS.annotator2.name}` })).toBeVisible();
  await admin.screenshot({ path: "/tmp/shots/gold-campaign.png", fullPage: true });

  await annotator.goto("/");
  await annotator.getByRole("button", { name: `Start labeling ${name}` }).click();
  await expect(annotator.getByRole("heading", { name: "Your work here is paused" })).toBeVisible();
  await expect(annotator.getByText("you cannot take new images")).toBeVisible();
  await annotator.screenshot({ path: "/tmp/shots/gold-paused.png", fullPage: true });
});
