import { describe, expect, it } from "vitest";
import { hasMetricsToken } from "@/lib/metrics-access";

describe("hasMetricsToken", () => {
  it("accepts exactly the configured bearer token", () => {
    expect(hasMetricsToken("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(hasMetricsToken("Bearer s3cret-tokem", "s3cret-token")).toBe(false);
    expect(hasMetricsToken("Bearer s3cret", "s3cret-token")).toBe(false);
    expect(hasMetricsToken("s3cret-token", "s3cret-token")).toBe(false);
    expect(hasMetricsToken(null, "s3cret-token")).toBe(false);
  });

  it("accepts nothing when no token is configured, not even an empty bearer", () => {
    expect(hasMetricsToken("Bearer ", undefined)).toBe(false);
    expect(hasMetricsToken("Bearer ", "")).toBe(false);
  });
});
