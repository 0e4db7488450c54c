import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * The one logger: JSON lines in production (one object per event, with requestId, userId and
 * action where known), a readable form in development when pino-pretty (a devDependency) is
 * installed. Secrets are redacted by key wherever they appear, so passing a whole object is safe.
 */
const REDACT = [
  "password", "passwordHash", "token", "secret", "authorization", "cookie", "databaseUrl", "connectionString",
  "*.password", "*.passwordHash", "*.token", "*.secret", "*.authorization", "*.cookie", "*.databaseUrl", "*.connectionString",
  "headers.authorization", "headers.cookie",
];

function prettyStream(): DestinationStream | undefined {
  const format = process.env.RELABEL_LOG_FORMAT ?? (process.env.NODE_ENV === "production" ? "json" : "pretty");
  if (format !== "pretty") return undefined;
  try {
    // Resolved at run time so a production install without devDependencies still starts.
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

const globalForLog = globalThis as unknown as { relabelLogger?: Logger };

export const log: Logger = (globalForLog.relabelLogger ??= pino(
  { name: "relabel", level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "warn" : "info"), redact: { paths: REDACT, censor: "[redacted]" }, base: { pid: process.pid } },
  prettyStream(),
));

/** An error as loggable fields: message and stack, never the whole object (pg errors carry the query's parameters). */
export function errorFields(error: unknown): { err: { type: string; message: string; stack?: string } } {
  if (error instanceof Error) return { err: { type: error.name, message: error.message, stack: error.stack } };
  return { err: { type: typeof error, message: String(error) } };
}
