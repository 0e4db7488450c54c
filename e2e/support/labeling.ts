import { expect, type Page } from "@playwright/test";
import { ACCOUNTS } from "./accounts";
import { campaignWith } from "./campaigns";
import { e2eDb } from "./database";
import { signInThroughForm } from "./sign-in";

/** Signs annotator2 in through the form and starts a fresh campaign over `fileNumbers`; the first image's ids. */
export async function startLabeling(page: Page, fileNumbers: number[]) {
  const { campaignId } = await campaignWith(fileNumbers, ["annotator2"]);
  const { name } = await e2eDb().campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { name: true } });
  await signInThroughForm(page, ACCOUNTS.annotator2.email);
  await page.getByRole("button", { name: `Start labeling ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/label/${campaignId}/\\d+$`));
  await expect(page.getByRole("button", { name: "Submit" })).toBeEnabled();
  return { campaignId, imageId: Number(new URL(page.url()).pathname.split("/").pop()) };
}

/** What the browser keeps of unsent work (lib/labeling/local-outbox.ts), raw. */
export const keptInBrowser = (page: Page) =>
  page.evaluate(() => Object.entries(localStorage).filter(([key]) => key.startsWith("relabel:unsent:")).map(([, value]) => value));
