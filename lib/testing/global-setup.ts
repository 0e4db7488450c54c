import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, withDatabase } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { DatabaseStartupError } from "@/lib/db/startup-errors";
import { TEMPLATE_DATABASE, adminQuery } from "@/lib/testing/postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/**
 * Starts one throwaway PostgreSQL for the whole run and migrates a template database;
 * lib/testing/per-file-database.ts clones it for every test file.
 */
export default async function setup(project: TestProject) {
  const server = await startEmbeddedPostgres({
    dataDir: `.relabel/test-postgres-${process.pid}`,
    throwaway: true,
    password: randomBytes(18).toString("base64url"),
  }).catch((error: unknown) => {
    // A sentence that says what to do, not vitest's stack trace of it; nothing has started yet.
    if (!(error instanceof DatabaseStartupError)) throw error;
    console.error(`[relabel] the tests need the embedded PostgreSQL: ${error.message}`);
    process.exit(1);
  });
  await adminQuery(server.url, `CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await migrate(withDatabase(server.url, TEMPLATE_DATABASE));
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
