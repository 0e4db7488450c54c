import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { withDatabase } from "@/lib/db/embedded-postgres";
import { TEMPLATE_DATABASE, adminQuery } from "@/lib/testing/postgres-admin";

// Runs before each test file's imports: every file gets a fresh, migrated database of its own,
// so files can run in parallel and never see each other's rows.
const serverUrl = inject("postgresUrl");
const name = `test_${randomBytes(6).toString("hex")}`;
await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
process.env.DATABASE_URL = withDatabase(serverUrl, name);
