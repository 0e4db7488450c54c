import { createHash } from "node:crypto";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Db } from "@/lib/db";

/** What a handler gets: its database, a signal (cancel, or a worker that must stop) and a progress reporter. */
export interface JobContext {
  jobId: number;
  db: Db;
  /** Connection string, for handlers that open their own connection (COPY-based imports). */
  url: string;
  /** Aborted when a user cancels the job or the worker is stopping; the handler's open transaction must roll back. */
  signal: AbortSignal;
  /** Shown on every app server; cheap to call often (writes are throttled). */
  progress(done: number | null, total: number | null, message?: string): void;
  log: Logger;
}

export interface JobKind<P = unknown, R = unknown> {
  name: string;
  payload: z.ZodType<P>;
  /** One line for history tables. */
  title(payload: P): string;
  /** Jobs with the same key run one at a time: enqueueing while one is queued returns that one (see followUp for a running one). */
  dedupKey?(payload: P): string | null;
  /**
   * When one with the same key is running, queue one more to run after it instead of returning the
   * running one: for work that must see what changed since the running job read its input.
   */
  followUp?: boolean;
  /** A refresh that follows other work and nobody waits on: queued jobs people wait for start first. */
  background?: boolean;
  /** Attempts after unexpected failures or a killed worker; expected failures (ExpectedError) are final at once. */
  maxAttempts?: number;
  /**
   * Must be idempotent or transactional: a worker can be killed at any point, and the job then runs
   * again from the start on another worker.
   */
  run(payload: P, ctx: JobContext): Promise<R>;
}

/** Declares a job kind; list it in lib/jobs/registry.ts so workers can run it. */
export function defineJobKind<S extends z.ZodType, R>(kind: Omit<JobKind<z.output<S>, R>, "payload"> & { payload: S }): JobKind<z.output<S>, R> {
  return kind as JobKind<z.output<S>, R>;
}

export const DEFAULT_MAX_ATTEMPTS = 3;

/** graphile-worker task names: one per kind, prefixed so other users of the same queue schema never collide. */
export const taskName = (kind: string) => `relabel:${kind}`;
export const queueJobKey = (jobId: number) => `relabel-job-${jobId}`;

/** graphile-worker queue names hold at most 128 characters; a longer dedup key (an import's path) keeps its start and a hash of the whole. */
export const MAX_QUEUE_NAME = 128;
export function queueNameOf(dedupKey: string): string {
  if (dedupKey.length <= MAX_QUEUE_NAME) return dedupKey;
  return `${dedupKey.slice(0, MAX_QUEUE_NAME - 65)}#${createHash("sha256").update(dedupKey).digest("hex")}`;
}
