import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/actions/run-action";
import type { SessionUser } from "@/lib/auth/users";
import { ExpectedError } from "@/lib/errors";

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
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const unexpected = await runAction(admin, "data:import", schema, async () => { throw new Error("connection reset: secret detail"); }, { n: 1 });
    expect(unexpected.ok).toBe(false);
    expect(!unexpected.ok && unexpected.error).not.toContain("secret");
    // Only a failure of the server may be retried as is; an expected refusal will not change.
    expect(!unexpected.ok && unexpected.retryable).toBe(true);
    expect(!expected.ok && expected.retryable).toBeUndefined();
    spy.mockRestore();
  });
});
