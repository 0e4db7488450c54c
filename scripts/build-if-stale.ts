/**
 * The production build, skipped when `.next` was built from the same sources. `npm start` calls it
 * before serving; `npm test` runs it beside the unit tests so the e2e server finds the build made.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { nextBin } from "@/scripts/processes";
import { sourceFingerprint } from "@/scripts/source-fingerprint";

const root = path.resolve(import.meta.dirname, "..");

/** `signal` stops the build (a Ctrl-C during `npm start`'s first start); it runs asynchronously so signals are heard meanwhile. */
export async function buildIfStale(log: (line: string) => void, signal?: AbortSignal): Promise<void> {
  const stampFile = path.join(root, ".next", "relabel-build-stamp");
  const fingerprint = sourceFingerprint(root);
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint;
  if (built) return;
  log("building the app (first start, or the sources changed)…");
  const build = spawn(nextBin(), ["build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, signal });
  const code = await new Promise<number | null>((resolve) => {
    build.once("error", () => resolve(null));
    build.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error("next build failed");
  writeFileSync(stampFile, fingerprint);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await buildIfStale((line) => console.log(`[relabel] ${line}`));
  } catch (error) {
    console.error(`[relabel] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
