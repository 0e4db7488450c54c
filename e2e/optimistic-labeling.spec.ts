import { expect, test, type Page, type Route } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { e2eDb } from "./support/database";
import { keptInBrowser, startLabeling } from "./support/labeling";

// A new flow: from the root URL, signed out, like a person.
test.use({ storageState: { cookies: [], origins: [] } });

/** Holds every submit (the server action whose arguments carry a request id) until released; other requests pass. */
async function holdSubmits(page: Page) {
  const held: (() => void)[] = [];
  let released = false;
  await page.route("**/label/**", async (route) => {
    const request = route.request();
    const submit = request.method() === "POST" && request.headers()["next-action"] && request.postData()?.includes('"requestId"');
    if (submit && !released) await new Promise<void>((release) => held.push(release));
    await route.continue();
  });
  return {
    count: () => held.length,
    release: () => {
      released = true;
      for (const release of held.splice(0)) release();
    },
  };
}

/** Starts labeling and waits until the next image's data is in the browser, so a submit can move on without the server. */
async function startWithNextHeld(page: Page, fileNumbers: number[]) {
  const itemsFetched = page.waitForResponse((response) => response.url().includes("/items?ids=") && response.ok());
  const started = await startLabeling(page, fileNumbers);
  await itemsFetched;
  return started;
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });
const candidates = (page: Page) => page.getByRole("region", { name: /Candidates/ });
const saveState = (page: Page) => page.getByRole("banner").getByRole("status");

/** On a screen holding the next image: marks the first candidate and presses Enter while submits are held, so the screen moves on with one submit waiting. */
async function submitWhileHeld(page: Page) {
  const first = (await heading(page).textContent())!;
  const submits = await holdSubmits(page);
  await page.keyboard.press("1");
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(heading(page)).not.toHaveText(first);
  await expect.poll(submits.count).toBe(1);
  return { first, submits };
}

test("a submit shows the next image before the server answered; the decision is stored once, and only then reads Saved", async ({ page }) => {
  const { campaignId, imageId } = await startWithNextHeld(page, [13, 14]);
  const { submits } = await submitWhileHeld(page);
  const second = (await heading(page).textContent())!;
  await expect(page.getByRole("img", { name: second })).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`));
  // Moved on while the server has not seen the decision: the header says so, the browser keeps it.
  await expect(saveState(page)).toHaveText("Sending your decision…");
  expect(await e2eDb().decision.count({ where: { campaignId, imageId } })).toBe(0);
  expect(await keptInBrowser(page)).toHaveLength(1);
  await page.screenshot({ path: "/tmp/shots/optimistic-sending.png" });

  submits.release();
  await expect(saveState(page)).toHaveText("Saved");
  const revisions = await e2eDb().decisionRevision.findMany({ where: { decision: { campaignId, imageId } }, select: { requestId: true } });
  expect(revisions).toHaveLength(1);
  expect(revisions[0]!.requestId).not.toBeNull();
  expect(await keptInBrowser(page)).toHaveLength(0);
  // The next image is workable as ever.
  await expect(heading(page)).toHaveText(second);
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  await page.screenshot({ path: "/tmp/shots/optimistic-saved.png" });
});

test("a submit refused after the screen moved on brings the annotator back to that image, says why, and loses nothing", async ({ page }) => {
  const { campaignId, imageId } = await startWithNextHeld(page, [10, 11]);
  const first = (await heading(page).textContent())!;
  const user = await e2eDb().user.findUniqueOrThrow({ where: { email: ACCOUNTS.annotator2.email }, select: { id: true } });
  // The claim ran out and its slot went to someone else meanwhile: the server will refuse this submit.
  await e2eDb().assignment.updateMany({ where: { campaignId, imageId, userId: user.id }, data: { status: "EXPIRED" } });
  await e2eDb().campaignImage.update({ where: { campaignId_imageId: { campaignId, imageId } }, data: { openSlots: 0 } });
  const submits = await holdSubmits(page);

  await page.keyboard.press("1");
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await page.getByLabel("Notes").fill("kept though the server refused it");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(heading(page)).not.toHaveText(first);
  await expect.poll(submits.count).toBe(1);

  submits.release();
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`));
  await expect(heading(page)).toHaveText(first);
  await expect(page.getByRole("alert").filter({ hasText: "Not saved" })).toContainText("Not saved: Your claim on this image expired and other annotators have labeled it since");
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await expect(page.getByLabel("Notes")).toHaveValue("kept though the server refused it");
  // One state on screen: the header agrees with the alert, also once the restored draft is saved.
  await expect(saveState(page)).toHaveText("Not saved");
  await page.screenshot({ path: "/tmp/shots/optimistic-refused.png" });
  expect(await e2eDb().decision.count({ where: { campaignId, imageId } })).toBe(0);
  // Nothing lost: the refused content is the image's draft again, on the server as well.
  await expect
    .poll(async () => {
      const draft = await e2eDb().decisionDraft.findUnique({ where: { userId_campaignId_imageId: { userId: user.id, campaignId, imageId } } });
      return (draft?.payload as { notes?: string } | undefined)?.notes ?? null;
    })
    .toBe("kept though the server refused it");
  await expect(saveState(page)).toHaveText("Not saved");
});

test("Previous while the submit is still being sent lands on the image just submitted, shown as submitted, and stays there", async ({ page }) => {
  const { campaignId, imageId } = await startWithNextHeld(page, [13, 14]);
  const { first, submits } = await submitWhileHeld(page);

  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/${imageId}$`));
  await expect(heading(page)).toHaveText(first);
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await expect(saveState(page)).toHaveText("Sending your decision…");
  await page.screenshot({ path: "/tmp/shots/previous-while-sending.png" });

  submits.release();
  await expect(saveState(page)).toHaveText("Saved");
  // Still on the image it went back to, with its decision, and the decision stored once.
  await expect(heading(page)).toHaveText(first);
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  expect(await e2eDb().decisionRevision.count({ where: { decision: { campaignId, imageId } } })).toBe(1);
});

test("a submit whose next image's data is still on its way shows that image as soon as it arrives, not after the submit's answer and a server render", async ({ page }) => {
  // Holds the first fetch of the held images' data, made as soon as the screen is up.
  const items: (() => void)[] = [];
  let itemsReleased = false;
  await page.route("**/api/labeling/*/items?*", async (route) => {
    if (!itemsReleased) await new Promise<void>((release) => items.push(release));
    await route.continue();
  });
  const { campaignId } = await startLabeling(page, [13, 14]);
  await expect.poll(() => items.length).toBeGreaterThan(0);
  const first = (await heading(page).textContent())!;
  const renders: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith(`/label/${campaignId}`) && (request.headers()["rsc"] !== undefined || request.resourceType() === "document")) renders.push(request.url());
  });
  const submits = await holdSubmits(page);
  await page.keyboard.press("1");
  await expect(candidates(page).getByRole("button", { pressed: true })).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect.poll(submits.count).toBe(1);
  await expect(heading(page)).toHaveText(first);

  itemsReleased = true;
  for (const release of items.splice(0)) release();
  await expect(heading(page)).not.toHaveText(first);
  await expect(page.getByRole("img", { name: (await heading(page).textContent())! })).toBeVisible();
  // The submit is still held: the screen moved on without it, and without a server render.
  expect(submits.count()).toBe(1);
  await expect(saveState(page)).toHaveText("Sending your decision…");
  expect(renders).toEqual([]);

  submits.release();
  await expect(saveState(page)).toHaveText("Saved");
});
