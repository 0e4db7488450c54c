// `npm test`: every test, starting what it needs. Unit and integration tests (vitest) get a
// throwaway embedded PostgreSQL; end-to-end tests (Playwright, Debian's Chromium) start the app
// with its own throwaway database. Prints one closing line: "N passed, N failed".
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const results = path.join(root, "test-results");
const unitReport = path.join(results, "unit.json");
const e2eReport = path.join(results, "e2e.json"); // path set in playwright.config.ts
mkdirSync(results, { recursive: true });
// A stale report must never stand in for a runner that crashed this time.
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });

process.env.RELABEL_SHARED_DATA ??= path.resolve(root, "../shared/data");

function run(label, command, args, logFile) {
  console.log(`\n── ${label}${logFile ? ` (log: ${path.relative(root, logFile)})` : ""} ──`);
  const output = logFile ? ["ignore", openSync(logFile, "w"), openSync(logFile, "a")] : "inherit";
  const child = spawn(command, args, { cwd: root, stdio: output, env: process.env });
  return new Promise((resolve) => child.on("close", (status) => {
    if (status !== 0 && logFile) process.stdout.write(readFileSync(logFile, "utf8"));
    resolve(status === 0);
  }));
}

// The production build the e2e server needs runs beside vitest (whose tests wait on PostgreSQL more
// than on the CPU); the e2e server then finds it made and starts at once.
const [unitOk, buildOk] = await Promise.all([
  run("unit and integration tests (vitest)", bin("vitest"), [
    "run", "--reporter=default", "--reporter=json", `--outputFile.json=${unitReport}`,
  ]),
  run("production build for the end-to-end tests", bin("tsx"), ["scripts/build-if-stale.ts"], path.join(results, "build.log")),
]);
const e2eOk = buildOk && (await run("end-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"]));

const counts = { passed: 0, failed: 0, skipped: 0 };
const unit = readJson(unitReport);
if (unit) {
  counts.passed += unit.numPassedTests;
  counts.failed += unit.numFailedTests;
  counts.skipped += unit.numPendingTests + unit.numTodoTests;
}
const e2e = readJson(e2eReport);
if (e2e) {
  counts.passed += e2e.stats.expected;
  counts.failed += e2e.stats.unexpected + e2e.stats.flaky;
  counts.skipped += e2e.stats.skipped;
}
const ok = unitOk && e2eOk && unit !== null && e2e !== null && counts.failed === 0;
if (!ok && counts.failed === 0) counts.failed = 1; // a runner that crashed before reporting still fails the run
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
