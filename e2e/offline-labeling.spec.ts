import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { keptInBrowser, startLabeling } from "./support/labeling";

// A new flow: from the root URL, signed out, like a person.
test.use({ storageState: { cookies: [], origins: [] } });

test("a submit made offline is kept in the browser, said so, and sent exactly once when the network is back", async ({ page, context }) => {
  // Two images, queued in a shuffled order: whichever comes first gets its first candidate (key 1).
  const { campaignId, imageId } = await startLabeling(page, [5, 6]);
  await page.keyboard.press("1");
  await expect(page.getByRole("region", { name: /Candidates/ }).locator('[aria-pressed="true"]')).toHaveCount(1);

  await context.setOffline(true);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are offline — your decision is kept in this browser" })).toBeVisible();
  await page.screenshot({ path: "/tmp/shots/offline-submit-kept.png" });
  expect(await keptInBrowser(page)).toHaveLength(1);
  expect(await e2eDb().decision.count({ where: { campaignId, imageId } })).toBe(0);

  await context.setOffline(false);
  // The screen may have moved on to the next image already (it was here): the decision followed in the background.
  await expect(page).not.toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`));
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  const revisions = () => e2eDb().decisionRevision.findMany({ where: { decision: { campaignId, imageId } } });
  await expect.poll(async () => (await revisions()).length).toBe(1);
  expect((await revisions())[0]!.requestId).not.toBeNull();
  await expect.poll(async () => (await keptInBrowser(page)).length).toBe(0);
});

test("an edit made offline survives a reload while the server does not answer, and is saved once it does", async ({ page, context }) => {
  const { campaignId, imageId } = await startLabeling(page, [7]);
  const user = await e2eDb().user.findUniqueOrThrow({ where: { email: ACCOUNTS.annotator2.email }, select: { id: true } });

  await context.setOffline(true);
  await page.getByLabel("Notes").fill("fox kit, seen while offline");
  await expect.poll(async () => (await keptInBrowser(page)).some((value) => value.includes("seen while offline"))).toBe(true);
  await expect(page.getByRole("status").filter({ hasText: "Save failed — retrying" })).toBeVisible();

  // Online again, but no server action gets through: whatever the reload shows came from this browser.
  await page.route("**/*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByLabel("Notes")).toHaveValue("fox kit, seen while offline");
  await page.screenshot({ path: "/tmp/shots/offline-draft-restored.png" });
  expect(await e2eDb().decisionDraft.count({ where: { userId: user.id, campaignId, imageId } })).toBe(0);

  await page.unroute("**/*");
  await expect
    .poll(async () => {
      const draft = await e2eDb().decisionDraft.findUnique({ where: { userId_campaignId_imageId: { userId: user.id, campaignId, imageId } } });
      return (draft?.payload as { notes?: string } | undefined)?.notes ?? null;
    }, { timeout: 45_000 })
    .toBe("fox kit, seen while offline");
  await expect.poll(async () => (await keptInBrowser(page)).length, { timeout: 30_000 }).toBe(0);
});

test("a submit kept offline survives a reload while the server does not answer, and is sent exactly once with the id it was kept with", async ({ page, context }) => {
  const { campaignId, imageId } = await startLabeling(page, [8]);
  const chosen = page.getByRole("region", { name: /Candidates/ }).locator('[aria-pressed="true"]');
  await page.keyboard.press("1");
  await expect(chosen).toHaveCount(1);

  await context.setOffline(true);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are offline — your decision is kept in this browser" })).toBeVisible();
  const [kept] = await keptInBrowser(page);
  const requestId = (JSON.parse(kept!) as { submit: { requestId: string } }).submit.requestId;

  // Reloaded with no server action getting through: the choice and the pending submit come from this browser.
  await page.route("**/*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await context.setOffline(false);
  await page.reload();
  await expect(chosen).toHaveCount(1);
  await page.screenshot({ path: "/tmp/shots/offline-submit-after-reload.png" });
  expect(await e2eDb().decision.count({ where: { campaignId, imageId } })).toBe(0);

  await page.unroute("**/*");
  await expect(page).not.toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`), { timeout: 45_000 });
  const revisions = await e2eDb().decisionRevision.findMany({ where: { decision: { campaignId, imageId } }, select: { requestId: true } });
  expect(revisions).toEqual([{ requestId }]);
  await expect.poll(async () => (await keptInBrowser(page)).length).toBe(0);
});
