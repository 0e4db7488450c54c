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
  /** Jobs with the same key run once at a time: enqueueing while one is queued or running returns that one. */
  dedupKey?(payload: P): string | null;
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
