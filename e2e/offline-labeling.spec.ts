import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

// A new flow: from the root URL, signed out, like a person.
test.use({ storageState: { cookies: [], origins: [] } });

async function startLabeling(page: Page, fileNumbers: number[]) {
  const { campaignId } = await campaignWith(fileNumbers, ["annotator2"]);
  const { name } = await e2eDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } });
  await signInThroughForm(page, ACCOUNTS.annotator2.email);
  await page.getByRole("link", { name: `Start labeling ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/\\d+$`));
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  return { campaignId, imageId: Number(new URL(page.url()).pathname.split("/").pop()) };
}

const keptInBrowser = (page: Page) =>
  page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith("relabel:unsent:")).map(([, value]) => value));

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
  await expect(page).not.toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`));
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  const revisions = await e2eDb().decisionRevision.findMany({ where: { decision: { campaignId, imageId } } });
  expect(revisions).toHaveLength(1);
  expect(revisions[0]!.requestId).not.toBeNull();
  expect(await keptInBrowser(page)).toHaveLength(0);
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
  await expect.poll(async () => (await keptInBrowser(page)).length, { timeout: 10_000 }).toBe(0);
});
