/**
 * Single-flight, latest-wins autosave, free of React and Next.js.
 *
 * Invariants: at most one save is in flight; content scheduled while a save runs is saved exactly
 * once afterwards, with the newest revision only (intermediate revisions are skipped, never
 * reordered); a failed save is retried with backoff until it succeeds or newer content replaces it.
 * Drafts on the server therefore never go backwards, which a naive debounce cannot promise.
 */

/** "invalid": the server can never accept this content (a field error); it waits for an edit instead of retrying. */
export type AutosaveStatus = "idle" | "pending" | "saving" | "saved" | "error" | "invalid";

export interface AutosaveSnapshot {
  status: AutosaveStatus;
  /** Newest revision the server confirmed, or null before the first save. */
  savedRevision: number | null;
  /** The last failure while status is "error"; null otherwise. */
  error: unknown;
}

export interface AutosaverOptions<T> {
  save: (content: T, revision: number) => Promise<void>;
  /** Quiet time after the last change before saving. */
  delayMs: number;
  /** Longest a change waits while edits keep coming; defaults to 10 × delayMs. */
  maxWaitMs?: number;
  /** First retry delay after a failure; doubles per failure up to maxRetryDelayMs. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Failures that retrying cannot fix (the content itself is refused). */
  isPermanent?: (error: unknown) => boolean;
}

export interface Autosaver<T> {
  schedule(content: T, revision: number): void;
  /** Saves whatever is pending now and waits for it (and any save in flight); rejects if that save fails. */
  flush(): Promise<void>;
  /**
   * Waits for a save in flight and holds back what is pending (no timer, no follow-up save) until
   * `flush`: a submit carries the same content itself, so it need not wait for a draft save too.
   */
  hold(): Promise<void>;
  getSnapshot(): AutosaveSnapshot;
  subscribe(listener: () => void): () => void;
  /** Stops timers and retries; a save already in flight still finishes. */
  dispose(): void;
}

interface Job<T> {
  content: T;
  revision: number;
}

export function createAutosaver<T>(options: AutosaverOptions<T>): Autosaver<T> {
  const { save, delayMs } = options;
  const maxWaitMs = options.maxWaitMs ?? delayMs * 10;
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 30_000;

  let snapshot: AutosaveSnapshot = { status: "idle", savedRevision: null, error: null };
  const listeners = new Set<() => void>();
  let pending: Job<T> | null = null;
  let pendingSince: number | null = null;
  /** Resolves to whether the save succeeded; never rejects. */
  let inFlight: Promise<boolean> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The timer fired while a save was in flight: run as soon as it ends. */
  let due = false;
  let failures = 0;
  let disposed = false;
  let held = false;

  const update = (change: Partial<AutosaveSnapshot>) => {
    const next = { ...snapshot, ...change };
    if (next.status === snapshot.status && next.savedRevision === snapshot.savedRevision && next.error === snapshot.error) return;
    snapshot = next;
    for (const listener of listeners) listener();
  };

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const startTimer = (ms: number) => {
    clearTimer();
    if (disposed) return;
    timer = setTimeout(() => {
      timer = null;
      if (inFlight) due = true;
      else void run();
    }, ms);
  };

  function run(): Promise<boolean> | null {
    if (inFlight) return inFlight;
    if (!pending || disposed || held) return null;
    const job = pending;
    pending = null;
    pendingSince = null;
    clearTimer();
    due = false;
    if (snapshot.status !== "error") update({ status: "saving" });
    inFlight = save(job.content, job.revision).then(
      () => {
        failures = 0;
        inFlight = null;
        update({
          status: pending ? "pending" : "saved",
          savedRevision: Math.max(snapshot.savedRevision ?? -Infinity, job.revision),
          error: null,
        });
        if (pending && (due || timer === null)) void run();
        return true;
      },
      (error: unknown) => {
        inFlight = null;
        if (options.isPermanent?.(error)) {
          failures = 0;
          update({ status: "invalid", error });
          if (pending && (due || timer === null)) void run();
          return true;
        }
        failures += 1;
        // Newer content replaces the failed job; otherwise the failed job is retried.
        if (!pending) {
          pending = job;
          pendingSince = Date.now();
        }
        update({ status: "error", error });
        startTimer(Math.min(retryDelayMs * 2 ** (failures - 1), maxRetryDelayMs));
        return false;
      },
    );
    return inFlight;
  }

  return {
    schedule(content, revision) {
      if (disposed) return;
      pending = { content, revision };
      const now = Date.now();
      pendingSince ??= now;
      if (snapshot.status !== "error" && snapshot.status !== "saving") update({ status: "pending", error: null });
      startTimer(Math.max(0, Math.min(delayMs, pendingSince + maxWaitMs - now)));
    },

    async flush() {
      held = false;
      clearTimer();
      for (;;) {
        const current = inFlight ?? run();
        if (!current) return;
        const ok = await current;
        if (!ok && !inFlight) throw snapshot.error;
      }
    },

    async hold() {
      held = true;
      clearTimer();
      while (inFlight) await inFlight;
    },

    getSnapshot: () => snapshot,

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      disposed = true;
      clearTimer();
      listeners.clear();
    },
  };
}
