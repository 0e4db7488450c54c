import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { APP_DATABASE, runningServerUrl } from "../../lib/db/local-database";
import { withDatabase } from "../../lib/db/embedded-postgres";
import { E2E_HOME } from "./environment";

export interface AppProcess {
  child: ChildProcess;
  baseURL: string;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once the output contains `text`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * Runs `npm start` or `npm run serve` as a user does, on the existing build, as its own process
 * group, so a test can signal the whole group the way `pkill` or Ctrl-C does.
 */
export function startApp(script: "serve" | "start", port: number, env: Record<string, string>, { inTerminal = false } = {}): AppProcess {
  // In a terminal: under script(1), which gives it a pseudo-terminal; killing script closes that terminal, like closing its window.
  const [command, args] = inTerminal ? ["script", ["-qfec", `npm run --silent ${script}`, "/dev/null"]] : ["npm", ["run", "--silent", script]];
  const child = spawn(command, args, {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return {
    child,
    baseURL: `http://127.0.0.1:${port}`,
    output: () => output,
    waitFor: (text, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const matches = () => (typeof text === "string" ? output.includes(text) : text.test(output));
        if (matches()) return resolve();
        const timer = setTimeout(() => reject(new Error(`Timed out waiting for ${String(text)}; output:\n${output.slice(-3000)}`)), timeoutMs);
        const check = () => {
          if (!matches()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        child.once("exit", () => !matches() && reject(new Error(`exited before ${String(text)}; output:\n${output.slice(-3000)}`)));
      }),
  };
}

/** What a second app server on the e2e server's database needs: its DATABASE_URL and the same session secret. */
export function e2eServerEnv(port: number): Record<string, string> {
  const server = runningServerUrl(E2E_HOME);
  if (!server) throw new Error(`The e2e database under ${E2E_HOME} is not running.`);
  return {
    DATABASE_URL: withDatabase(server, APP_DATABASE),
    NEXTAUTH_SECRET: readFileSync(path.join(E2E_HOME, "auth-secret"), "utf8").trim(),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    RELABEL_HOME: E2E_HOME,
    RELABEL_MIGRATE: "0",
  };
}

/** Stops a process group and waits for its leader to exit. */
export async function stopGroup(app: AppProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => app.child.once("exit", () => resolve()));
  process.kill(-app.child.pid!, signal);
  await exited;
}

/** A server action's id from the build's manifest, and a page path that serves it. */
export function serverAction(exportedName: string, campaignId: number): { id: string; path: string } {
  const manifest = JSON.parse(readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; workers: Record<string, unknown> }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in the build.`);
  const page = Object.keys(found[1].workers).find((worker) => /^app\/label\/\[campaignId\]\/page$/.test(worker)) ?? Object.keys(found[1].workers)[0]!;
  return { id: found[0], path: page.replace(/^app/, "").replace(/\/page$/, "").replace("[campaignId]", String(campaignId)) || "/" };
}
