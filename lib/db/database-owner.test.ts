import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appClusterDir, type DatabaseHandle, openDatabase, runningServerUrl } from "@/lib/db/local-database";

/*
 * Who owns the embedded PostgreSQL of a Relabel home. It runs in its own process group (a Ctrl-C
 * must reach only the process that stops it last), so a starter killed outright leaves it running:
 * the next start must take it over instead of borrowing a server nobody supervises, and a second
 * `npm start` must refuse to share one that a live Relabel owns.
 */
const saved = { url: process.env.DATABASE_URL, home: process.env.RELABEL_HOME };
const home = path.resolve(`.relabel/test-owner-${process.pid}`);
const children: ChildProcess[] = [];
let handle: DatabaseHandle | undefined;

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await handle?.release();
  rmSync(home, { recursive: true, force: true });
  process.env.DATABASE_URL = saved.url;
  process.env.RELABEL_HOME = saved.home;
});

/** Starts the child and resolves with the JSON line it prints once it has opened (or failed to open) the database. */
function openInChild(mode: "exclusive" | "shared"): Promise<{ child: ChildProcess; answer: { embedded?: boolean; error?: string } }> {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/testing/open-database-child.ts", mode], { env: { ...process.env, RELABEL_HOME: home, DATABASE_URL: "" }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve({ child, answer: JSON.parse(output.split("\n")[0]!) });
    });
    child.once("exit", (code) => !output.includes("\n") && reject(new Error(`the child exited (${code}) without answering`)));
  });
}

const postmasterPid = () => Number(readFileSync(path.join(appClusterDir(home), "postmaster.pid"), "utf8").split("\n")[0]);
/** Gone, or a zombie nobody reaped (the orphan's parent is whatever adopted it). */
function hasEnded(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(" ")[2] === "Z";
  } catch {
    return true;
  }
}
const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

describe("the embedded database's owner", () => {
  it("takes over a server whose starter was killed, shares a live owner's with the CLI, and refuses a second npm start", async () => {
    delete process.env.DATABASE_URL;
    process.env.RELABEL_HOME = home;
    const first = await openInChild("exclusive");
    expect(first.answer).toEqual({ embedded: true });
    const orphanPid = postmasterPid();
    first.child.kill("SIGKILL");
    await exited(first.child);
    // Its own process group: the server outlived the process that started it.
    expect(runningServerUrl(home)).not.toBeNull();

    handle = await openDatabase({ exclusive: true });
    expect(handle.embedded).toBe(true);
    expect(handle.supervised).toBeDefined();
    expect(postmasterPid()).not.toBe(orphanPid);
    expect(hasEnded(orphanPid)).toBe(true);

    // This test process now owns it: the CLI borrows it, a second npm start says why it will not.
    const cli = await openInChild("shared");
    expect(cli.answer).toEqual({ embedded: false });
    const second = await openInChild("exclusive");
    expect(second.answer.error).toMatch(new RegExp(`^Relabel is already running on this checkout's database \\(process ${process.pid}\\); stop it first`));

    await handle.release();
    handle = undefined;
    expect(runningServerUrl(home)).toBeNull();
  }, 180_000);
});
