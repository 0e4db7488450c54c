import { defineConfig, devices } from "@playwright/test";
import { E2E_HOME, E2E_PORT, chromiumPath } from "./e2e/support/environment";

/**
 * End-to-end tests in Debian's Chromium against a production build served by the same
 * `scripts/start.ts` users run, on a throwaway embedded database (wiped by --fresh) with the demo data.
 */
export default defineConfig({
  testDir: "e2e",
  // Playwright empties its output folder at start; the JSON reports of both runners stay one level up.
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Generous waits: on two loaded cores (vitest's last files, the server's background jobs, Chromium)
  // a navigation can take seconds. Speed is the benchmarks' job; these tests assert behaviour.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "sign-in", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } }, dependencies: ["sign-in"] },
  ],
  webServer: {
    command: "node --import tsx scripts/start.ts --fresh",
    url: `http://127.0.0.1:${E2E_PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    // As a person stops it (not Playwright's default SIGKILL): the script drains and stops its PostgreSQL.
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "pipe",
    // No periodic evaluation sweep: specs that watch the table go out of date recompute it themselves (the sweep is tested in lib/evaluation).
    env: { RELABEL_HOME: E2E_HOME, PORT: String(E2E_PORT), HOST: "127.0.0.1", RELABEL_DEMO: "1", DATABASE_URL: "", RELABEL_EVALUATION_REFRESH_SECONDS: "0" },
  },
});
