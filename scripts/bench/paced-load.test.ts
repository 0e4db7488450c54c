import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pacedLoops } from "./paced-load";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server that answers every request after `delayMs` and records when each arrived. */
async function recordingServer(delayMs: number): Promise<{ url: string; arrivals: number[] }> {
  const arrivals: number[] = [];
  server = http.createServer((request, response) => {
    arrivals.push(performance.now());
    setTimeout(() => response.end(request.url), delayMs);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, arrivals };
}

describe("pacedLoops", () => {
  it("spreads the loops over the run instead of sending a second's quota at once", async () => {
    const { url, arrivals } = await recordingServer(0);
    const sessions = Array.from({ length: 10 }, () => ({ server: url, requests: [{ method: "GET", path: "/robots.txt" }] }));
    const started = performance.now();
    const result = await pacedLoops(sessions, 100, 1);
    expect(result.requests).toBe(100);
    expect(result.errors).toEqual([]);
    // Evenly paced, about 10 arrive in the first tenth of the run; autocannon's overallRate sends all 100 there.
    expect(arrivals.filter((at) => at - started < 100).length).toBeLessThan(50);
    expect(arrivals.filter((at) => at - started >= 500).length).toBeGreaterThan(25);
  });

  it("runs each session's steps in order, built as they are sent, and hands each answer to its step", async () => {
    const { url } = await recordingServer(0);
    const answers: string[] = [];
    let loop = 0;
    const requests = [
      { method: "POST", setupRequest: () => ({ method: "POST", path: `/submit/${++loop}` }), onResponse: (_status: number, body: string) => void answers.push(body) },
      { method: "GET", setupRequest: () => ({ method: "GET", path: `/items/${loop}` }), onResponse: (_status: number, body: string) => void answers.push(body) },
    ];
    const result = await pacedLoops([{ server: url, requests }], 4, 0.5);
    expect(answers).toEqual(["/submit/1", "/items/1", "/submit/2", "/items/2"]);
    expect(result.latencies.map((step) => step.length)).toEqual([2, 2]);
  });

  it("counts a loop's wait for the one before it in its latency, so a slow server cannot hide behind a lower rate", async () => {
    const { url } = await recordingServer(200);
    // Due every 100 ms, each taking at least 200: the fifth starts at least 400 ms after it was due.
    const result = await pacedLoops([{ server: url, requests: [{ method: "GET", path: "/" }] }], 10, 0.5);
    expect(result.latencies[0]).toHaveLength(5);
    expect(result.latencies[0]!.at(-1)).toBeGreaterThanOrEqual(590);
    expect(result.elapsedSeconds).toBeGreaterThanOrEqual(1);
  });
});
