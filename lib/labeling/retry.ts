/**
 * Sends something until the server has answered it: retries with backoff (doubling up to a cap),
 * and at once when the browser says the network is back. Free of React; timers and the online
 * signal are injected so tests drive them.
 */

export type AttemptOutcome<T> = { done: true; value: T } | { done: false; reason: UnsentReason };
/** offline: the browser has no network; server: the network is there but the server did not answer usefully. */
export type UnsentReason = "offline" | "server";

export interface RetryOptions<T> {
  attempt: () => Promise<AttemptOutcome<T>>;
  /** Told after every failed attempt, so the screen shows the true state. */
  onUnsent: (reason: UnsentReason) => void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Calls back when the network returns; returns an unsubscribe. */
  onOnline?: (listener: () => void) => () => void;
}

export function sendUntilAnswered<T>(options: RetryOptions<T>): { result: Promise<T>; cancel(): void } {
  const firstDelayMs = options.firstDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let cancelled = false;
  let wake: (() => void) | null = null;
  const unsubscribe = options.onOnline?.(() => wake?.()) ?? (() => {});

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const result = (async () => {
    try {
      for (let failures = 0; ; failures++) {
        if (cancelled) throw new Error("cancelled");
        const outcome = await options.attempt();
        if (outcome.done) return outcome.value;
        if (cancelled) throw new Error("cancelled");
        options.onUnsent(outcome.reason);
        await pause(Math.min(firstDelayMs * 2 ** failures, maxDelayMs));
      }
    } finally {
      unsubscribe();
    }
  })();
  return {
    result,
    cancel: () => {
      cancelled = true;
      wake?.();
    },
  };
}

/** How a failed request reads: no network at all, or a server that did not answer usefully. */
export function unsentReason(online: boolean): UnsentReason {
  return online ? "server" : "offline";
}

export function unsentMessage(reason: UnsentReason): string {
  return reason === "offline"
    ? "You are offline — your decision is kept in this browser and will be sent when the network is back."
    : "Server unavailable — your decision is kept in this browser and will be sent.";
}
