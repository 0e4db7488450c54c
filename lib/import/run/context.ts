import { closeSync, constants as fsConstants, openSync, readSync } from "node:fs";
import { access, readFile, stat } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { ImportError } from "@/lib/import/import-error";
import { type BundleReads, shareBundleReads } from "@/lib/import/load/bundle-reads";
import { findDatasetId } from "@/lib/import/load/catalog";
import { inTransaction } from "@/lib/import/load/transaction";

export interface ImportContext {
  /** Database connection string. */
  url: string;
  /** Dataset slug the labels attach to. */
  dataset: string;
  onProgress?: (step: string) => void;
  /** Cancelling aborts before the next write; a running transaction rolls back. */
  signal?: AbortSignal;
  /** Validate everything, the database's constraints included, then roll back. */
  dryRun?: boolean;
  /** Run inside this open transaction (a multi-step dry run) instead of one per step. */
  client?: pg.Client;
  /** Set by the bundle runner: reads its steps share (lib/import/load/bundle-reads.ts). */
  reads?: BundleReads;
  /**
   * Set by the bundle runner, which reads the next step's file while this one writes: resolves
   * once the steps before this one committed, rejects when one of them failed.
   */
  turn?: () => Promise<void>;
}

export interface ImportSummary {
  kind: string;
  file: string;
  source?: string;
  stored: number;
  notInDataset?: number;
  notes?: string[];
}

export async function readText(file: string): Promise<string> {
  return (await readInput(file)).toString("utf8");
}

export async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw readProblem(file, error);
  }
}

/** Fails as readInput would, without reading: for files read later, as a stream. */
export async function checkReadable(file: string): Promise<void> {
  try {
    if ((await stat(file)).isDirectory()) throw Object.assign(new Error(file), { code: "EISDIR" });
    await access(file, fsConstants.R_OK);
  } catch (error) {
    throw readProblem(file, error);
  }
}

function readProblem(file: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = code === "ENOENT" ? "No such file." : code === "EISDIR" ? "This is a folder, not a file." : `Cannot read it (${code ?? "unknown error"}).`;
  return new ImportError(file, null, problem);
}

/**
 * The file's lines ("\n"-separated, as String.split gives them), read 1 MiB at a time: a file of
 * a million lines is never one string. Synchronous, like the COPY generator that consumes it.
 */
export function* readLines(file: string): Generator<string> {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw readProblem(file, error);
  }
  try {
    const chunk = Buffer.alloc(1 << 20);
    const decoder = new StringDecoder("utf8");
    let pending = "";
    for (let read; (read = readSyncOrFail(fd, chunk, file)) > 0;) {
      const lines = (pending + decoder.write(chunk.subarray(0, read))).split("\n");
      pending = lines.pop()!;
      yield* lines;
    }
    yield pending + decoder.end();
  } finally {
    closeSync(fd);
  }
}

function readSyncOrFail(fd: number, chunk: Buffer, file: string): number {
  try {
    return readSync(fd, chunk, 0, chunk.length, null);
  } catch (error) {
    throw readProblem(file, error);
  }
}

/** One import step's write transaction (rolled back in a dry run, or when cancelled before it commits). */
export async function transaction<T>(ctx: ImportContext, work: (client: pg.Client) => Promise<T>): Promise<T> {
  ctx.signal?.throwIfAborted();
  const awaitTurn = async () => {
    await ctx.turn?.();
    ctx.signal?.throwIfAborted();
  };
  const checked = async (client: pg.Client) => {
    shareBundleReads(client, ctx.reads);
    const result = await work(client);
    ctx.signal?.throwIfAborted();
    return result;
  };
  if (ctx.client) {
    await awaitTurn();
    return checked(ctx.client);
  }
  return inTransaction(ctx.url, checked, { dryRun: ctx.dryRun, signal: ctx.signal, beforeBegin: awaitTurn });
}

/** Opens the write transaction for an import; labels need the dataset (and its images) to exist. */
export function writeToDataset<T>(ctx: ImportContext, file: string, work: (client: pg.Client, datasetId: number) => Promise<T>): Promise<T> {
  return transaction(ctx, async (client) => {
    const datasetId = await findDatasetId(client, ctx.dataset);
    if (datasetId === null) {
      throw new ImportError(file, null, `The dataset "${ctx.dataset}" does not exist yet: import its original labels or images first.`);
    }
    return work(client, datasetId);
  });
}
