import path from "node:path";
import { defineConfig } from "vitest/config";
import { SlowFilesFirst } from "./lib/testing/slow-files-first";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "lib/testing/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,components,scripts}/**/*.test.{ts,tsx}"],
    // One throwaway PostgreSQL cluster for the run; each test file gets its own database (lib/testing/per-file-database.ts).
    globalSetup: ["lib/testing/global-setup.ts"],
    setupFiles: ["lib/testing/per-file-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one fewer than the cores (one, on CI's two); the files wait on PostgreSQL and on
    // the CLI processes they spawn far more than on the CPU, so a few more at once halve the run.
    maxWorkers: 4,
    // A clean clone (CI) has no record of which files are slow: start the known slow ones first, so none runs on alone at the end.
    sequence: { sequencer: SlowFilesFirst },
  },
});
