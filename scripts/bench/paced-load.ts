/**
 * Open-loop load at an even pace. autocannon's `overallRate` is not one: each connection sends its
 * whole second's quota back to back when its one-second timer fires and then waits, so "250
 * requests/s" from 50 connections arrives as one burst of 250 at the top of every second, and the
 * latencies measure that burst's queue. Here every session starts a loop of its steps on a fixed
 * schedule, the sessions' schedules staggered evenly over the interval, so arrivals are spread as
 * users' would be.
 */
import http from "node:http";
import type autocannon from "autocannon";

/** One user: the server it talks to and its loop, in autocannon's request format (setupRequest builds each request as it is sent). */
export interface PacedSession {
  server: string;
  requests: autocannon.Request[];
}

export interface PacedResult {
  /** Latency (ms) of each response, by its step's position in the loop. */
  latencies: number[][];
  /** Response bytes (status line, headers and body, as autocannon counts them), by step. */
  bytes: number[];
  requests: number;
  /** From the first scheduled loop to the last answer: longer than asked when the server fell behind. */
  elapsedSeconds: number;
  /** Requests that failed at the transport (refused, reset, timed out); wrong answers are the steps' onResponse to judge. */
  errors: string[];
}

/**
 * Runs each session's loop `loopsPerSecond ÷ sessions` times a second for `seconds`, one keep-alive
 * connection per session, its steps one after another. A loop whose turn comes while the previous
 * one is still running starts when that one ends, and the wait counts in its first step's latency:
 * a slow server cannot lower the rate it is measured at without the delay showing.
 */
export async function pacedLoops(sessions: readonly PacedSession[], loopsPerSecond: number, seconds: number): Promise<PacedResult> {
  const steps = sessions[0]?.requests.length ?? 0;
  const result: PacedResult = { latencies: Array.from({ length: steps }, () => []), bytes: Array(steps).fill(0), requests: 0, elapsedSeconds: 0, errors: [] };
  const interval = (1000 * sessions.length) / loopsPerSecond;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(sessions.map(async ({ server, requests }, index) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let due = start + (interval * index) / sessions.length; due < end; due += interval) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        for (const [step, template] of requests.entries()) {
          const request = template.setupRequest ? template.setupRequest({ ...template }, {}) : template;
          if (!request) break;
          const sent = step === 0 ? Math.min(due, performance.now()) : performance.now();
          try {
            const { status, body, bytes } = await send(agent, server, request);
            result.requests++;
            result.latencies[step]!.push(performance.now() - sent);
            result.bytes[step]! += bytes;
            template.onResponse?.(status, body, {}, {});
          } catch (error) {
            result.errors.push(error instanceof Error ? error.message : String(error));
            break;
          }
        }
      }
    } finally {
      agent.destroy();
    }
  }));
  result.elapsedSeconds = (performance.now() - start) / 1000;
  return result;
}

function send(agent: http.Agent, server: string, request: autocannon.Request): Promise<{ status: number; body: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(new URL(request.path ?? "/", server), { agent, method: request.method ?? "GET", headers: request.headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        // "HTTP/1.1 200 OK\r\n", each "name: value\r\n", the blank line, then the body (chunk framing left out).
        const head = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length + 2
          + response.rawHeaders.reduce((sum, part) => sum + part.length + 2, 0); // ": " after a name, "\r\n" after a value
        resolve({ status: response.statusCode ?? 0, body: body.toString("utf8"), bytes: head + body.length });
      });
      response.on("error", reject);
    });
    outgoing.on("timeout", () => outgoing.destroy(new Error(`${request.method ?? "GET"} ${request.path} timed out after 60 s`)));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
