import { chromium, expect, type Page } from "@playwright/test";
import { createDb } from "@/lib/db";
import { DEMO_ACCOUNTS, loadDemo } from "@/lib/demo/load-demo";
import { seedCampaign } from "@/lib/testing/factories";
import { newSecret, startAppServer } from "./app-server";
import type { Benchmark, BenchContext } from "./benchmark";

const ANNOTATOR = "annotator@relabel.demo";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * Runs in the page before any script: records when Enter goes down and when each image first
 * paints (decoded, then the frame after), on the page's own clock. Soft navigations keep the
 * document, so both ends are on one clock. Plain JavaScript in a string: a function would be
 * serialised with the helpers tsx adds to it, which the page does not have.
 */
const INSTRUMENT = `
  const bench = { submits: [], keys: [], keyFrames: [], painted: {} };
  window.__bench = bench;
  const afterPaint = (record) => requestAnimationFrame(() => setTimeout(record, 0));
  addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.repeat) bench.submits.push(performance.now());
    if (event.key === "Shift") {
      bench.keys.push(performance.now());
      afterPaint(() => bench.keyFrames.push(performance.now()));
    }
  }, true);
  const watch = (image) => {
    const alt = image.alt;
    if (!alt || alt in bench.painted) return;
    bench.painted[alt] = -1;
    image.decode().then(() => afterPaint(() => (bench.painted[alt] = performance.now())), () => delete bench.painted[alt]);
  };
  new MutationObserver(() => document.querySelectorAll("img").forEach(watch))
    .observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["src", "alt"] });
`;

/**
 * The demo data (images with pixels, the demo accounts) in a fresh database on the bench's own
 * server, and a campaign of its own over `count` of those images for the annotator.
 */
async function demoCampaign(databaseUrl: string, count: number, log: (line: string) => void): Promise<number> {
  const db = createDb(databaseUrl);
  try {
    await loadDemo(db, databaseUrl, log);
    const images = await db.image.findMany({ where: { split: "VAL", bytes: { not: null } }, select: { id: true, datasetId: true }, take: count, orderBy: { id: "asc" } });
    if (images.length < count) throw new Error(`The demo holds ${images.length} images with pixels; the benchmark needs ${count}.`);
    const user = await db.user.findUniqueOrThrow({ where: { email: ANNOTATOR }, select: { id: true } });
    return await seedCampaign(db, { datasetId: images[0]!.datasetId, imageIds: images.map((image) => image.id), memberIds: [user.id] });
  } finally {
    await db.$disconnect();
  }
}

const heading = (page: Page) => page.getByRole("heading", { level: 1 });

async function label(page: Page, baseUrl: string, campaignId: number, images: number) {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel("Email").fill(ANNOTATOR);
  await page.getByLabel("Password").fill(DEMO_ACCOUNTS.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  await page.goto(`${baseUrl}/label/${campaignId}`);
  const submitToPaint: number[] = [];
  for (let i = 0; i < images; i++) {
    await heading(page).filter({ hasText: /\.JPEG$/ }).waitFor();
    const current = (await heading(page).textContent())!.trim();
    await page.keyboard.press("1");
    await page.getByRole("region", { name: /Candidates/ }).getByRole("button", { pressed: true }).first().waitFor();
    await page.keyboard.press("Shift"); // the floor: a key, and the frame after it
    await page.keyboard.press("Enter");
    if (i === images - 1) break; // the last submit leads to the end of the queue, not to an image
    // The first paint of an image after this Enter, whichever element shows it.
    await page.waitForFunction(() => {
      const bench = (window as unknown as { __bench: { submits: number[]; painted: Record<string, number> } }).__bench;
      return Object.values(bench.painted).some((at) => at > bench.submits.at(-1)!);
    });
    submitToPaint.push(await page.evaluate(() => {
      const bench = (window as unknown as { __bench: { submits: number[]; painted: Record<string, number> } }).__bench;
      const submitted = bench.submits.at(-1)!;
      return Math.min(...Object.values(bench.painted).filter((at) => at > submitted)) - submitted;
    }));
    await expect(heading(page)).not.toHaveText(current);
  }
  const floor = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { keys: number[]; keyFrames: number[] } }).__bench;
    return bench.keyFrames.map((at, i) => at - bench.keys[i]!);
  });
  return { submitToPaint, floor };
}

async function measure(ctx: BenchContext) {
  const images = ctx.quick ? 3 : 51; // 50 submit-to-next-image transitions
  // The app runs on the bench's database server (DATABASE_URL), so it starts no PostgreSQL of its
  // own: one it started was left running, its `npm start` killed before it could stop it.
  const databaseUrl = await ctx.freshDatabase("browser");
  const campaignId = await demoCampaign(databaseUrl, images, ctx.log);
  const app = await startAppServer(databaseUrl, newSecret(), ctx.log);
  try {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript({ content: INSTRUMENT });
      const { submitToPaint, floor } = await label(page, app.url, campaignId, images).catch(async (error: unknown) => {
        await page.screenshot({ path: "/tmp/shots/browser-bench-failure.png" }).catch(() => {});
        throw error;
      });
      await page.screenshot({ path: "/tmp/shots/browser-bench-end.png" });
      ctx.log(`browser: ${submitToPaint.length} transitions measured`);
      const p95 = [...submitToPaint].sort((a, b) => a - b)[Math.ceil(submitToPaint.length * 0.95) - 1]!;
      return [
        {
          name: "submit-to-next-image",
          unit: "ms" as const,
          measured: { what: `Enter on a decided image until the next image is decoded and painted, ${submitToPaint.length} images in a row with prefetch, Chromium via Playwright against npm start`, samples: submitToPaint },
          baseline: { what: "a key press until the frame after it, in the same page (the browser's floor for any answer to a key)", samples: floor },
          notes: { p95TargetMs: 100, p95TargetMet: p95 < 100 },
        },
      ];
    } finally {
      await browser.close();
    }
  } finally {
    await app.stop();
  }
}

export const browserBenchmark: Benchmark = {
  name: "browser",
  what: "Browser hot path: submit keypress to the next image painted (issue 11, item 6)",
  startsApp: true,
  run: measure,
};
