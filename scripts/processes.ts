import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

/** What asks a long-running script to stop: Ctrl-C, a service manager's TERM, and a closed terminal's HUP. */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * A process that must drain first (the web server finishing requests, a worker finishing its job)
 * takes SIGINT/SIGTERM/SIGHUP over from whatever registered for them, and stops the cluster itself
 * afterwards. This also drops the tsx CLI's child-side signal relay, and the tsx CLI then SIGKILLs
 * its child 60 ms after any signal (leaving the embedded PostgreSQL behind): so our long-running
 * scripts run as `node --import tsx` (package.json, playwright.config.ts), never under the tsx CLI.
 * The embedded PostgreSQL runs in a process group of its own (a Ctrl-C must not stop it before
 * the others drained); one left behind by a killed `npm start` is stopped by the next one.
 */
export function takeOverSignals(): void {
  for (const signal of STOP_SIGNALS) process.removeAllListeners(signal);
}

/**
 * Calls `stop` on any of STOP_SIGNALS; returns a function that stops listening. A closed terminal
 * takes stdout and stderr with it: every later write fails (EIO), and an unhandled stream error
 * would end the process before it stopped the embedded PostgreSQL, which it started in a group of
 * its own and which would then keep running with nobody left to stop it.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (signal === "SIGHUP") for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
    stop(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return () => {
    for (const signal of STOP_SIGNALS) process.off(signal, handler);
  };
}

export function nextBin(): string {
  return path.join(root, "node_modules", ".bin", "next");
}

export function spawnNext(port: number, host: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(nextBin(), ["start", "-p", String(port), "-H", host], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
}

/** node with tsx's loader rather than the tsx CLI, which would run the worker in a grandchild that signals miss. */
export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "worker.ts")], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (the child drains), then SIGKILL if it has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Keeps one worker process running: restarted after an unexpected exit (say the database was
 * restarted under it), with a growing pause so a worker that cannot start does not spin.
 */
export function superviseWorker(env: NodeJS.ProcessEnv, log: (line: string) => void) {
  let child: ChildProcess;
  let stopping = false;
  let failures = 0;
  const start = () => {
    const startedAt = Date.now();
    child = spawnWorker(env);
    child.once("exit", (code, signal) => {
      if (stopping) return;
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const pauseMs = Math.min(30_000, 1000 * 2 ** (failures - 1));
      log(`the worker exited (${signal ?? `code ${code}`}); restarting it in ${Math.round(pauseMs / 1000)} s`);
      setTimeout(() => !stopping && start(), pauseMs).unref();
    });
  };
  start();
  return {
    stop(graceMs: number): Promise<void> {
      stopping = true;
      return stopChild(child, graceMs);
    },
  };
}
