// `prisma generate` only needs the schema engine to exist, never runs it, and the Prisma
// CLI insists on downloading it first. Offline there is nothing to download, so point the
// CLI at a placeholder unless the user named a real engine.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("prisma", ["generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
