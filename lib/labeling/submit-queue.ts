/**
 * The submits the screen has moved on from and the server has not answered yet, sent one at a
 * time in the order they were made, each until the server answers it (lib/labeling/retry.ts).
 * One after another, not side by side: a later answer then always reflects every earlier submit
 * (the server's list of held images after it is the freshest), and an edit resubmitted for the
 * same image lands after the first version. Free of React; the request is injected.
 */
import type { KeptSubmit } from "@/lib/labeling/local-outbox";
import { sendUntilAnswered, type AttemptOutcome, type UnsentReason } from "@/lib/labeling/retry";

export interface QueuedSubmit {
  imageId: number;
  submit: KeptSubmit;
}

export interface SubmitQueueSnapshot {
  /** Submits not answered yet, the one being sent included. */
  pending: number;
  /** Why the one being sent has not reached the server; null while it has not failed. */
  unsent: UnsentReason | null;
}

export interface SubmitQueueOptions<T> {
  attempt(entry: QueuedSubmit): Promise<AttemptOutcome<T>>;
  /** Every answer, before the promise `enqueue` returned settles and whether or not a screen listens. */
  onAnswer?(entry: QueuedSubmit, answer: T): void;
  onOnline?: (listener: () => void) => () => void;
  firstDelayMs?: number;
}

/** What a component subscribes to for the queue's progress (useSyncExternalStore's two arguments). */
export interface SubmitQueueProgress {
  getSnapshot(): SubmitQueueSnapshot;
  subscribe(listener: () => void): () => void;
}

export interface SubmitQueue<T> extends SubmitQueueProgress {
  /** Sends after those queued before; the same request queued twice is sent once and answers both. */
  enqueue(entry: QueuedSubmit): Promise<T>;
  /** Images whose submit is queued: the server still counts them as held. */
  pendingImageIds(): number[];
  /** Told of every answer after `onAnswer`; returns an unsubscribe. */
  onAnswer(listener: (entry: QueuedSubmit, answer: T) => void): () => void;
}

interface Entry<T> extends QueuedSubmit {
  answered: Promise<T>;
  resolve(answer: T): void;
  reject(error: unknown): void;
}

export function createSubmitQueue<T>(options: SubmitQueueOptions<T>): SubmitQueue<T> {
  const entries: Entry<T>[] = [];
  const listeners = new Set<() => void>();
  const answerListeners = new Set<(entry: QueuedSubmit, answer: T) => void>();
  let snapshot: SubmitQueueSnapshot = { pending: 0, unsent: null };
  let draining = false;

  const update = (unsent: UnsentReason | null) => {
    snapshot = { pending: entries.length, unsent };
    for (const listener of listeners) listener();
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      for (let head = entries[0]; head; head = entries[0]) {
        const entry = head;
        try {
          const answer = await sendUntilAnswered({
            attempt: () => options.attempt({ imageId: entry.imageId, submit: entry.submit }),
            onUnsent: (reason) => update(reason),
            onOnline: options.onOnline,
            firstDelayMs: options.firstDelayMs,
          }).result;
          entries.shift();
          update(null);
          const done = { imageId: entry.imageId, submit: entry.submit };
          options.onAnswer?.(done, answer);
          for (const listener of answerListeners) listener(done, answer);
          entry.resolve(answer);
        } catch (error) {
          // Only a bug in `attempt` gets here (it turns failures into outcomes): that submit stops, the rest go on.
          entries.shift();
          update(null);
          entry.reject(error);
        }
      }
    } finally {
      draining = false;
    }
  };

  return {
    enqueue(queued) {
      const same = entries.find((entry) => entry.imageId === queued.imageId && entry.submit.requestId === queued.submit.requestId);
      if (same) return same.answered;
      let resolve!: (answer: T) => void;
      let reject!: (error: unknown) => void;
      const answered = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      entries.push({ ...queued, answered, resolve, reject });
      update(snapshot.unsent);
      void drain();
      return answered;
    },
    pendingImageIds: () => entries.map((entry) => entry.imageId),
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAnswer(listener) {
      answerListeners.add(listener);
      return () => answerListeners.delete(listener);
    },
  };
}

/**
 * The images to fetch and show after `shown`, from the held list the server answered a submit
 * with: without the one on screen and those whose submit is still queued (the server answered
 * before it saw them, so it still counts them as held).
 */
export function upcomingAfter(held: readonly number[], shown: number, queued: readonly number[]): number[] {
  const skip = new Set([shown, ...queued]);
  return held.filter((id) => !skip.has(id));
}
