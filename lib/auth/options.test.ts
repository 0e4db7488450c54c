import { afterEach, describe, expect, it, vi } from "vitest";
import { freePort } from "@/lib/db/embedded-postgres";

// The app's one Prisma client reads DATABASE_URL when lib/db is first imported, so this file points
// it at a closed port before importing the auth options: the database is "down" for this file only.
const closedPort = await freePort();
process.env.DATABASE_URL = `postgresql://relabel:relabel@127.0.0.1:${closedPort}/relabel`;
const { authOptions } = await import("@/lib/auth/options");
const { signInErrorMessage } = await import("@/lib/auth/sign-in-errors");

type Authorize = (credentials: Record<string, string>, request: unknown) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sign-in while the database cannot be reached", () => {
  it("answers the code 'unavailable', whose sentence names nothing internal, and logs the detail on the server", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const attempt = authorize({ email: "someone@relabel.demo", password: "whatever-it-is" }, {});
    await expect(attempt).rejects.toThrow(/^unavailable$/);
    expect(signInErrorMessage("unavailable")).toBe(
      "Signing in is not possible right now. Try again in a few minutes; if it keeps failing, tell your administrator.",
    );
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain("[auth]");
    expect(logged.mock.calls[0]?.[1]).toBeInstanceOf(Error);
  });

  it("still refuses malformed input as malformed, before touching the database", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(authorize({ email: "not an email", password: "x" }, {})).rejects.toThrow(/^malformed$/);
    expect(logged).not.toHaveBeenCalled();
  });
});
