import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fillUrl, mayReach, PAGES, type Visitor } from "../lib/testing/access-matrix";
import { arrangeMatrix, contextFor } from "./support/matrix-fixture";

// axe on every page of the authorization matrix, each seen by the least privileged role that may
// see it (plus each role's home, whose header differs), the sign-in and the not-found page. Only
// serious and critical violations fail; each role's are listed at once, so one run shows all to fix.
test.describe.configure({ mode: "parallel" });

const ROLES_IN_ORDER = ["annotator", "reviewer", "admin"] as const satisfies Visitor[];
type Role = (typeof ROLES_IN_ORDER)[number];

/** Pages first reachable by this role (label pages only by the campaign's member, the fresh annotator). */
function pagesFor(visitor: Role, values: Record<string, number>): string[] {
  const lower = ROLES_IN_ORDER.slice(0, ROLES_IN_ORDER.indexOf(visitor));
  return Object.values(PAGES)
    .filter((entry) => entry.access !== "public" && mayReach(visitor, entry.access) && !(entry.membersOnly && visitor !== "annotator"))
    .filter((entry) => entry.access === "signed-in" || !lower.some((role) => mayReach(role, entry.access) && !entry.membersOnly))
    .map((entry) => fillUrl(entry.url, values));
}

async function violationsOn(page: Page, url: string, who: string): Promise<string[]> {
  await page.goto(url);
  // Every page has one main landmark (the review screen had none); it is also the sign that the page is there.
  await expect(page.locator("main")).toHaveCount(1);
  const found: string[] = [];
  // The screens whose looks the fixes changed, to look at.
  const shot = /^\/(review\/agreement|admin\/analytics|review\/\d+\?)/.exec(url);
  if (shot) await page.screenshot({ path: `/tmp/shots/a11y-${shot[1]!.replace(/\W+/g, "-")}.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  for (const violation of results.violations) {
    if (violation.impact !== "serious" && violation.impact !== "critical") continue;
    found.push(`${who} ${url}: ${violation.id} (${violation.impact}) ${violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(" | ")}`);
  }
  return found;
}

test("sign-in page (signed out)", async ({ page }) => {
  expect(await violationsOn(page, "/sign-in", "signed-out")).toEqual([]);
});

for (const visitor of ROLES_IN_ORDER) {
  test(`every page the ${visitor} is the first to see`, async ({ browser }) => {
    test.setTimeout(480_000);
    const fixture = await arrangeMatrix();
    const context = await contextFor(browser, visitor, fixture);
    const page = await context.newPage();
    const urls = [...pagesFor(visitor, fixture.values), ...(visitor === "annotator" ? ["/label/2147483000"] : [])];
    const found: string[] = [];
    for (const url of urls) found.push(...(await violationsOn(page, url, visitor)));
    console.log(`accessibility (${visitor}): ${urls.length} pages, ${found.length} serious or critical violations`);
    expect(found).toEqual([]);
    await context.close();
  });
}
