import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isHttps, isMisdirectedAction, PERMISSIONS_POLICY } from "@/lib/security/headers";

describe("contentSecurityPolicy", () => {
  it("allows scripts only by nonce in production, never eval or inline", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", development: false, https: false });
    const scripts = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scripts).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("lets the dev server evaluate code, and upgrades requests over https", () => {
    expect(contentSecurityPolicy({ nonce: "n", development: true, https: false })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).toContain("upgrade-insecure-requests");
  });
});

describe("Permissions-Policy", () => {
  it("turns off camera, microphone and location", () => {
    expect(PERMISSIONS_POLICY).toContain("camera=()");
    expect(PERMISSIONS_POLICY).toContain("microphone=()");
    expect(PERMISSIONS_POLICY).toContain("geolocation=()");
  });
});

describe("isHttps", () => {
  it("trusts the URL or the first forwarded protocol", () => {
    expect(isHttps(new URL("https://relabel.example/"), null)).toBe(true);
    expect(isHttps(new URL("http://127.0.0.1:3000/"), "https, http")).toBe(true);
    expect(isHttps(new URL("http://127.0.0.1:3000/"), null)).toBe(false);
  });
});

describe("isMisdirectedAction", () => {
  it("flags action posts to files and API routes, not to pages or plain posts", () => {
    expect(isMisdirectedAction("POST", "/robots.txt", true)).toBe(true);
    expect(isMisdirectedAction("POST", "/api/imports/upload", true)).toBe(true);
    expect(isMisdirectedAction("POST", "/label/3/7", true)).toBe(false);
    expect(isMisdirectedAction("POST", "/robots.txt", false)).toBe(false);
    expect(isMisdirectedAction("GET", "/robots.txt", true)).toBe(false);
  });
});

describe("next.config.js", () => {
  it("sends the same Permissions-Policy", async () => {
    // @ts-expect-error next.config.js is plain JavaScript without types
    const config = (await import("@/next.config.js")).default as { headers(): Promise<{ headers: { key: string; value: string }[] }[]> };
    const sent = (await config.headers()).flatMap((rule) => rule.headers).find((h) => h.key === "Permissions-Policy");
    expect(sent?.value).toBe(PERMISSIONS_POLICY);
  });
});
