import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The history row of the import the form just started, found by the number its status announced:
 * other specs import on the same server, so the newest row is not necessarily this one.
 */
export async function startedImportRow(page: Page, form: Locator): Promise<Locator> {
  const status = form.getByRole("status");
  // The action only queues the job, but a loaded CI machine can take seconds to answer it.
  await expect(status).toContainText(/Import #\d+ started/, { timeout: 60_000 });
  const jobId = (await status.textContent())?.match(/Import #(\d+)/)?.[1] ?? "";
  return page
    .getByRole("region", { name: "History" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: jobId, exact: true }) });
}
