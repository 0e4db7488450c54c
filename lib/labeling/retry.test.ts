import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sendUntilAnswered, unsentMessage, type AttemptOutcome } from "@/lib/labeling/retry";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function scripted(outcomes: AttemptOutcome<string>[]) {
  const attempt = vi.fn(async () => outcomes.shift() ?? { done: true as const, value: "sent" });
  return attempt;
}

describe("sendUntilAnswered", () => {
  it("retries with doubling delays until the server answers, reporting the true state", async () => {
    const attempt = scripted([{ done: false, reason: "offline" }, { done: false, reason: "server" }]);
    const states: string[] = [];
    const { result } = sendUntilAnswered({ attempt, onUnsent: (reason) => states.push(reason), firstDelayMs: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(attempt).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe("sent");
    expect(attempt).toHaveBeenCalledTimes(3);
    expect(states).toEqual(["offline", "server"]);
  });

  it("tries again at once when the network comes back", async () => {
    let online: (() => void) | null = null;
    const attempt = scripted([{ done: false, reason: "offline" }]);
    const { result } = sendUntilAnswered({ attempt, onUnsent: () => {}, firstDelayMs: 60_000, onOnline: (listener) => ((online = listener), () => (online = null)) });
    await vi.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(1);
    online!();
    await expect(result).resolves.toBe("sent");
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(online).toBeNull();
  });

  it("caps the delay, and stops when cancelled", async () => {
    const attempt = vi.fn(async (): Promise<AttemptOutcome<string>> => ({ done: false, reason: "server" }));
    const loop = sendUntilAnswered({ attempt, onUnsent: () => {}, firstDelayMs: 1000, maxDelayMs: 4000 });
    loop.result.catch(() => {});
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 4000);
    expect(attempt).toHaveBeenCalledTimes(5);
    loop.cancel();
    await expect(loop.result).rejects.toThrow("cancelled");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(5);
  });
});

describe("unsentMessage", () => {
  it("tells offline apart from a server that does not answer", () => {
    expect(unsentMessage("server")).toBe("Server unavailable — your decision is kept in this browser and will be sent.");
    expect(unsentMessage("offline")).toMatch(/^You are offline/);
  });
});
