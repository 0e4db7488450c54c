import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/label/12")).toBe("/label/12");
    expect(safeCallbackPath("/admin/imports?job=3#log")).toBe("/admin/imports?job=3#log");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    " /admin",
    "",
  ])("sends %j to the home page", (raw) => {
    expect(safeCallbackPath(raw)).toBe("/");
  });

  it("keeps an escaped tab as a path on this site (the query string arrives decoded: a real tab is refused above)", () => {
    expect(safeCallbackPath("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it("never sends a user back to the sign-in page", () => {
    expect(safeCallbackPath("/sign-in?callbackUrl=%2F")).toBe("/");
  });

  it("defaults to the home page", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath(null)).toBe("/");
  });
});
