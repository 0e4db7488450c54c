import { expect, test } from "@playwright/test";
import { ACCOUNTS } from "./support/accounts";
import { campaignWith } from "./support/campaigns";
import { e2eDb } from "./support/database";
import { signInThroughForm } from "./support/sign-in";

// A new flow: from the root URL, signed out, like a person.
test.use({ storageState: { cookies: [], origins: [] } });

test("Start labeling claims in one POST; a submit shows the next image without a server render; reload and back still render on the server", async ({ page }) => {
  test.slow(); // sign-in, three server renders and a submit: more than one step's share of a loaded machine
  const { campaignId } = await campaignWith([7, 8, 9], ["annotator2"]);
  const { name } = await e2eDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } });
  const heading = page.getByRole("heading", { level: 1 });
  const candidates = page.getByRole("region", { name: /Candidates/ });

  await signInThroughForm(page, ACCOUNTS.annotator2.email);
  await page.getByRole("button", { name: `Start labeling ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/\\d+$`));
  await expect(heading).toHaveText(/\.JPEG$/);
  const first = { url: page.url(), file: (await heading.textContent())! };

  // Server renders of a page reach the server as document loads or RSC requests; a client-side swap makes neither.
  const renders: string[] = [];
  page.on("request", (request) => {
    const rsc = request.headers()["rsc"] !== undefined;
    if (new URL(request.url()).pathname.startsWith(`/label/${campaignId}/`) && (rsc || request.resourceType() === "document")) renders.push(request.url());
  });
  await page.keyboard.press("1");
  await expect(candidates.locator('[aria-pressed="true"]')).toHaveCount(1);
  await page.keyboard.press("Enter");
  await expect(heading).not.toHaveText(first.file);
  await expect(heading).toHaveText(/\.JPEG$/);
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/\\d+$`));
  expect(page.url()).not.toBe(first.url);
  await expect(page.getByRole("img", { name: (await heading.textContent())! })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Campaign progress" })).toHaveAttribute("aria-valuenow", "1");
  expect(renders).toEqual([]);
  await page.screenshot({ path: "/tmp/shots/labeling-transition-next.png" });

  const second = { url: page.url(), file: (await heading.textContent())! };
  const firstImageId = Number(new URL(first.url).pathname.split("/").pop());
  // Sent in the background: the screen moved on before the server answered (e2e/optimistic-labeling.spec.ts).
  await expect.poll(() => e2eDb().decision.count({ where: { campaignId, imageId: firstImageId } })).toBe(1);

  // A reload renders the image in the URL on the server; so does going back to the one labeled.
  await page.reload();
  await expect(heading).toHaveText(second.file);
  await page.goBack();
  await expect(page).toHaveURL(first.url);
  await expect(heading).toHaveText(first.file);
  // Its saved decision, read by the server render.
  await expect(candidates.locator('[aria-pressed="true"]')).toHaveCount(1);
  await page.screenshot({ path: "/tmp/shots/labeling-transition-back.png" });
});
