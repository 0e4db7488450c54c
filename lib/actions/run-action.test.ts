import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { SessionUser } from "@/lib/auth/users";
import { ExpectedError } from "@/lib/errors";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";

const annotator: SessionUser = { id: 1, email: "a@x.org", name: "A", role: "ANNOTATOR" };
const admin: SessionUser = { id: 2, email: "b@x.org", name: "B", role: "ADMIN" };
const schema = z.object({ n: z.number().int().max(999) });

describe("runAction", () => {
  it("refuses a signed-out caller before looking at the input", async () => {
    const body = vi.fn();
    expect(await runAction(null, "labeling:work", schema, body, { n: 1 })).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    expect(body).not.toHaveBeenCalled();
  });

  it("refuses an annotator calling an admin action", async () => {
    const body = vi.fn();
    const result = await runAction(annotator, "data:import", schema, body, { n: 1 });
    expect(result).toEqual({ ok: false, error: "You do not have permission to do that." });
    expect(body).not.toHaveBeenCalled();
  });

  it("reports a signed-in user's denial to the hook (it audits), but not a signed-out caller's", async () => {
    const onDenied = vi.fn(async () => {});
    await runAction(annotator, "user:manage", schema, vi.fn(), { n: 1 }, { onDenied });
    await runAction(null, "user:manage", schema, vi.fn(), { n: 1 }, { onDenied });
    await runAction(admin, "user:manage", schema, async () => null, { n: 1 }, { onDenied });
    expect(onDenied.mock.calls).toEqual([[annotator, "user:manage"]]);
  });

  it("still refuses when the denial hook fails", async () => {
    const onDenied = async () => { throw new Error("audit down"); };
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await runAction(annotator, "user:manage", schema, vi.fn(), { n: 1 }, { onDenied })).toEqual({ ok: false, error: "You do not have permission to do that." });
    error.mockRestore();
  });

  it("returns field errors for malformed input and never runs the body", async () => {
    const body = vi.fn();
    const result = await runAction(admin, "data:import", schema, body, { n: 1000 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.n?.length).toBe(1);
    expect(body).not.toHaveBeenCalled();
  });

  it("passes the parsed input and the user to the body", async () => {
    const result = await runAction(annotator, "labeling:work", schema, async (input, user) => input.n + user.id, { n: 41 });
    expect(result).toEqual({ ok: true, data: 42 });
  });

  it("shows expected errors and hides unexpected ones", async () => {
    const expected = await runAction(admin, "data:import", schema, async () => { throw new ExpectedError("That campaign is closed."); }, { n: 1 });
    expect(expected).toEqual({ ok: false, error: "That campaign is closed." });
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    const unexpected = await runAction(admin, "data:import", schema, async () => { throw new Error("connection reset: secret detail"); }, { n: 1 });
    expect(unexpected.ok).toBe(false);
    expect(!unexpected.ok && unexpected.error).not.toContain("secret");
    // Only a failure of the server may be retried as is; an expected refusal will not change.
    expect(!unexpected.ok && unexpected.retryable).toBe(true);
    expect(!expected.ok && expected.retryable).toBeUndefined();
    spy.mockRestore();
  });

  it("logs an unexpected failure with the action, request and user, but not the input, and times every call", async () => {
    const spy = vi.spyOn(log, "error").mockImplementation(() => {});
    await runAction(admin, "data:import", z.object({ password: z.string() }), async () => { throw new Error("boom"); }, { password: "hunter22" }, { action: "startImport", requestId: "req-1" });
    expect(spy).toHaveBeenCalledTimes(1);
    const [fields] = spy.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(fields).toMatchObject({ action: "startImport", requestId: "req-1", userId: 2, err: { message: "boom" } });
    expect(JSON.stringify(fields)).not.toContain("hunter22");
    spy.mockRestore();
    const timings = (await metrics.actionSeconds.get()).values.filter((value) => value.metricName === "relabel_action_duration_seconds_count");
    expect(timings.find((value) => value.labels.action === "startImport")).toMatchObject({ labels: { outcome: "error" }, value: 1 });
  });
});
