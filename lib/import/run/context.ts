import { readFile } from "node:fs/promises";
import type pg from "pg";
import { ImportError } from "@/lib/import/import-error";
import { findDatasetId } from "@/lib/import/load/catalog";
import { inTransaction } from "@/lib/import/load/transaction";

export const DEFAULT_DATASET = "imagenet-val";

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
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "No such file." : code === "EISDIR" ? "This is a folder, not a file." : `Cannot read it (${code ?? "unknown error"}).`;
    throw new ImportError(file, null, problem);
  }
}

/** One import step's write transaction (rolled back in a dry run, or when cancelled before it commits). */
export function transaction<T>(ctx: ImportContext, work: (client: pg.Client) => Promise<T>): Promise<T> {
  ctx.signal?.throwIfAborted();
  const checked = async (client: pg.Client) => {
    const result = await work(client);
    ctx.signal?.throwIfAborted();
    return result;
  };
  return ctx.client ? checked(ctx.client) : inTransaction(ctx.url, checked, { dryRun: ctx.dryRun });
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
