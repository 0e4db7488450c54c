import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_DRAFT } from "@/lib/labeling/decision-store";
import type { AttemptOutcome } from "@/lib/labeling/retry";
import { createSubmitQueue, upcomingAfter, type QueuedSubmit } from "@/lib/labeling/submit-queue";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const queued = (imageId: number, requestId = `r-${imageId}`): QueuedSubmit => ({
  imageId,
  submit: { content: { ...EMPTY_DRAFT, classes: [imageId] }, requestId, timeSpentMs: 1, shownClasses: [], shownSources: [] },
});

/** A server whose answers the test releases one by one. */
function heldServer() {
  const calls: { entry: QueuedSubmit; answer(outcome: AttemptOutcome<string>): void }[] = [];
  const attempt = (entry: QueuedSubmit) => new Promise<AttemptOutcome<string>>((answer) => calls.push({ entry, answer }));
  return { calls, attempt };
}

describe("submit queue", () => {
  it("sends one submit at a time, in the order made, and counts what is unanswered", async () => {
    const server = heldServer();
    const answered: number[] = [];
    const queue = createSubmitQueue({ attempt: server.attempt, onAnswer: ({ imageId }) => answered.push(imageId) });
    const first = queue.enqueue(queued(1));
    const second = queue.enqueue(queued(2));
    expect(queue.getSnapshot()).toEqual({ pending: 2, unsent: null });
    expect(queue.pendingImageIds()).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls.map((call) => call.entry.imageId)).toEqual([1]);

    server.calls[0]!.answer({ done: true, value: "saved 1" });
    await expect(first).resolves.toBe("saved 1");
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls.map((call) => call.entry.imageId)).toEqual([1, 2]);
    expect(queue.getSnapshot().pending).toBe(1);

    server.calls[1]!.answer({ done: true, value: "refused 2" });
    await expect(second).resolves.toBe("refused 2");
    expect(answered).toEqual([1, 2]);
    expect(queue.getSnapshot()).toEqual({ pending: 0, unsent: null });
  });

  it("keeps retrying an unanswered submit, says why, and holds back the ones behind it", async () => {
    const server = heldServer();
    const queue = createSubmitQueue({ attempt: server.attempt, firstDelayMs: 1000 });
    const seen: string[] = [];
    queue.subscribe(() => seen.push(`${queue.getSnapshot().pending}:${queue.getSnapshot().unsent}`));
    const first = queue.enqueue(queued(1));
    void queue.enqueue(queued(2));
    await vi.advanceTimersByTimeAsync(0);
    server.calls[0]!.answer({ done: false, reason: "offline" });
    await vi.advanceTimersByTimeAsync(0);
    expect(queue.getSnapshot()).toEqual({ pending: 2, unsent: "offline" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.calls.map((call) => call.entry.imageId)).toEqual([1, 1]);
    server.calls[1]!.answer({ done: true, value: "saved" });
    await expect(first).resolves.toBe("saved");
    expect(queue.getSnapshot()).toEqual({ pending: 1, unsent: null });
    expect(seen).toContain("2:offline");
  });

  it("queues the same request once (a resend after a reload), answering every caller", async () => {
    const server = heldServer();
    const queue = createSubmitQueue({ attempt: server.attempt });
    const a = queue.enqueue(queued(1));
    const b = queue.enqueue(queued(1));
    void queue.enqueue(queued(1, "r-edited"));
    expect(queue.getSnapshot().pending).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    server.calls[0]!.answer({ done: true, value: "saved" });
    await expect(Promise.all([a, b])).resolves.toEqual(["saved", "saved"]);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls.map((call) => call.entry.submit.requestId)).toEqual(["r-1", "r-edited"]);
  });

  it("tells answer listeners until they unsubscribe", async () => {
    const queue = createSubmitQueue({ attempt: async () => ({ done: true, value: "ok" }) });
    const heard: number[] = [];
    const stop = queue.onAnswer(({ imageId }) => heard.push(imageId));
    await queue.enqueue(queued(1));
    stop();
    await queue.enqueue(queued(2));
    expect(heard).toEqual([1]);
  });

  it("goes on with the next submit when one attempt throws", async () => {
    let calls = 0;
    const queue = createSubmitQueue<string>({
      attempt: async () => {
        if (calls++ === 0) throw new Error("bug");
        return { done: true, value: "ok" };
      },
    });
    const broken = queue.enqueue(queued(1));
    const next = queue.enqueue(queued(2));
    await expect(broken).rejects.toThrow("bug");
    await expect(next).resolves.toBe("ok");
  });
});

describe("upcomingAfter", () => {
  it("drops the image on screen and those still being submitted from the server's held list", () => {
    expect(upcomingAfter([4, 5, 6, 7, 8], 6, [4, 5])).toEqual([7, 8]);
    expect(upcomingAfter([5, 6], 9, [])).toEqual([5, 6]);
  });
});
