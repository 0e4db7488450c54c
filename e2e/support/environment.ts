import { existsSync } from "node:fs";
import path from "node:path";

// Overridable so that several checkouts on one machine can run their e2e suites side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3107);
/** The e2e server's own state folder: a throwaway embedded database, never the developer's. */
export const E2E_HOME = path.resolve(".relabel/e2e");

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Debian's Chromium (Playwright cannot download its own browsers here). CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CANDIDATES].find((candidate) => candidate && existsSync(candidate));
  if (!found) {
    throw new Error(
      "No Chromium found for the end-to-end tests. Install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH.",
    );
  }
  return found;
}
