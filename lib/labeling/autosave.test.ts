import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutosaver } from "@/lib/labeling/autosave";

/** A save function whose calls resolve or reject only when the test says so. */
function controlledSave() {
  const calls: { content: string; revision: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const save = vi.fn(
    (content: string, revision: number) =>
      new Promise<void>((resolve, reject) => {
        active += 1;
        maxActive = Math.max(maxActive, active);
        const settle = () => (active -= 1);
        calls.push({
          content,
          revision,
          resolve: () => (settle(), resolve()),
          reject: (error) => (settle(), reject(error)),
        });
      }),
  );
  return { save, calls, maxActive: () => maxActive };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("autosaver", () => {
  it("debounces: saves once, the newest content, after the quiet time", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 500 });
    expect(saver.getSnapshot().status).toBe("idle");
    saver.schedule("a", 1);
    await vi.advanceTimersByTimeAsync(300);
    saver.schedule("ab", 2);
    expect(saver.getSnapshot().status).toBe("pending");
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("ab", 2);
    expect(saver.getSnapshot().status).toBe("saving");
    calls[0]!.resolve();
    await settle();
    expect(saver.getSnapshot()).toEqual({ status: "saved", savedRevision: 2, error: null });
  });

  it("never runs two saves at once and saves exactly once more with the latest content", async () => {
    const { save, calls, maxActive } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    saver.schedule("v1", 1);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1);
    // Edits during the in-flight save, with their debounce elapsing before it ends.
    saver.schedule("v2", 2);
    await vi.advanceTimersByTimeAsync(100);
    saver.schedule("v3", 3);
    await vi.advanceTimersByTimeAsync(100);
    saver.schedule("v4", 4);
    await vi.advanceTimersByTimeAsync(150);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.getSnapshot().status).toBe("saving");
    calls[0]!.resolve();
    await settle();
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("v4", 4);
    calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(maxActive()).toBe(1);
    expect(saver.getSnapshot()).toMatchObject({ status: "saved", savedRevision: 4 });
  });

  it("waits for the debounce of an edit made just before the in-flight save ends", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    saver.schedule("v1", 1);
    await vi.advanceTimersByTimeAsync(100);
    saver.schedule("v2", 2);
    calls[0]!.resolve();
    await settle();
    expect(saver.getSnapshot().status).toBe("pending");
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenLastCalledWith("v2", 2);
  });

  it("saves at least every maxWaitMs while edits keep coming", async () => {
    const { save } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100, maxWaitMs: 350 });
    for (let i = 1; i <= 5; i++) {
      saver.schedule(`v${i}`, i);
      await vi.advanceTimersByTimeAsync(80);
    }
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith("v5", 5);
  });

  it("flush saves immediately and waits for the save in flight first", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 10_000 });
    saver.schedule("v1", 1);
    void saver.flush();
    await settle();
    expect(save).toHaveBeenCalledWith("v1", 1);
    saver.schedule("v2", 2);
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await settle();
    expect(save).toHaveBeenCalledTimes(1);
    calls[0]!.resolve();
    await settle();
    expect(save).toHaveBeenLastCalledWith("v2", 2);
    expect(flushed).toBe(false);
    calls[1]!.resolve();
    await flushing;
    expect(saver.getSnapshot()).toMatchObject({ status: "saved", savedRevision: 2 });
  });

  it("flush with nothing to do resolves at once", async () => {
    const { save } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    await expect(saver.flush()).resolves.toBeUndefined();
    expect(save).not.toHaveBeenCalled();
  });

  it("reports errors, retries with backoff, and recovers", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100, retryDelayMs: 1000 });
    saver.schedule("v1", 1);
    await vi.advanceTimersByTimeAsync(100);
    const failure = new Error("offline");
    calls[0]!.reject(failure);
    await settle();
    expect(saver.getSnapshot()).toMatchObject({ status: "error", error: failure });
    await vi.advanceTimersByTimeAsync(999);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.getSnapshot().status).toBe("error"); // stays visible while retrying
    calls[1]!.reject(failure);
    await settle();
    await vi.advanceTimersByTimeAsync(1999);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenLastCalledWith("v1", 1);
    calls[2]!.resolve();
    await settle();
    expect(saver.getSnapshot()).toEqual({ status: "saved", savedRevision: 1, error: null });
  });

  it("retries with newer content when edits arrive after a failure", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100, retryDelayMs: 5000 });
    saver.schedule("v1", 1);
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.reject(new Error("500"));
    await settle();
    saver.schedule("v2", 2);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenLastCalledWith("v2", 2);
  });

  it("flush rejects when the save fails, keeping the content for the retry", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100, retryDelayMs: 1000 });
    saver.schedule("v1", 1);
    const flushing = saver.flush();
    await settle();
    calls[0]!.reject(new Error("down"));
    await expect(flushing).rejects.toThrow("down");
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save).toHaveBeenLastCalledWith("v1", 1);
  });

  it("notifies subscribers on status changes with stable snapshots", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    const seen: string[] = [];
    const unsubscribe = saver.subscribe(() => seen.push(saver.getSnapshot().status));
    const before = saver.getSnapshot();
    expect(saver.getSnapshot()).toBe(before);
    saver.schedule("v1", 1);
    saver.schedule("v2", 2);
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.resolve();
    await settle();
    expect(seen).toEqual(["pending", "saving", "saved"]);
    unsubscribe();
    saver.schedule("v3", 3);
    expect(seen).toHaveLength(3);
  });

  it("does nothing after dispose", async () => {
    const { save } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    saver.schedule("v1", 1);
    saver.dispose();
    saver.schedule("v2", 2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).not.toHaveBeenCalled();
  });

  it("does not retry content the server can never accept, until the content changes", async () => {
    const { save, calls } = controlledSave();
    const invalid = new Error("invalid");
    const saver = createAutosaver({ save, delayMs: 100, retryDelayMs: 50, isPermanent: (error) => error === invalid });
    saver.schedule("bad\u0000", 1);
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.reject(invalid);
    await settle();
    expect(saver.getSnapshot()).toMatchObject({ status: "invalid", error: invalid });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
    await expect(saver.flush()).resolves.toBeUndefined();
    saver.schedule("good", 2);
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(2);
    calls[1]!.resolve();
    await settle();
    expect(saver.getSnapshot()).toEqual({ status: "saved", savedRevision: 2, error: null });
  });

  it("hold waits for the save in flight and sends nothing pending until flush", async () => {
    const { save, calls } = controlledSave();
    const saver = createAutosaver({ save, delayMs: 100 });
    saver.schedule("v1", 1);
    await vi.advanceTimersByTimeAsync(100);
    saver.schedule("v2", 2);
    let settled = false;
    const holding = saver.hold().then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    calls[0]!.resolve();
    await holding;
    // Neither the finished save nor the debounce starts the pending one while held.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(save).toHaveBeenCalledTimes(1);
    const flushing = saver.flush();
    await settle();
    expect(save).toHaveBeenLastCalledWith("v2", 2);
    calls[1]!.resolve();
    await flushing;
    expect(saver.getSnapshot()).toMatchObject({ status: "saved", savedRevision: 2 });
  });
});
