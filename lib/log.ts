import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * The one logger: one readable line per event when a person reads the terminal (and pino-pretty,
 * a devDependency, is installed), JSON lines otherwise (a service manager or log collector reads
 * them; one object per event, with requestId, userId and action where known). Secrets are
 * redacted by key wherever they appear, so passing a whole object is safe.
 */
const REDACT = [
  "password", "passwordHash", "token", "secret", "authorization", "cookie", "databaseUrl", "connectionString",
  "*.password", "*.passwordHash", "*.token", "*.secret", "*.authorization", "*.cookie", "*.databaseUrl", "*.connectionString",
  "headers.authorization", "headers.cookie",
];

/** RELABEL_LOG_FORMAT, else pretty on a terminal; `npm start` decides once and passes it to the processes it starts, whose output it pipes. */
export const logFormat = (): "pretty" | "json" => {
  const chosen = process.env.RELABEL_LOG_FORMAT;
  return chosen === "pretty" || chosen === "json" ? chosen : process.stdout.isTTY ? "pretty" : "json";
};

function prettyStream(): DestinationStream | undefined {
  if (logFormat() !== "pretty") return undefined;
  try {
    // Resolved at run time so a production install without devDependencies still starts.
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (options: object) => DestinationStream;
    // One line per event, like the start script's own `[relabel] …` lines around them.
    return pretty({ colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname", singleLine: true });
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
