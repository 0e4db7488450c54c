/**
 * Security headers of every response, as plain functions so they are tested without a server.
 * The proxy adds the per-request ones (the CSP with its nonce, HSTS); next.config.js the rest.
 */

export interface CspOptions {
  /** Fresh per request: Next.js puts it on its own inline and chunk scripts. */
  nonce: string;
  /** The dev server's React refresh evaluates code; production never needs eval. */
  development: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, development, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // strict-dynamic: scripts loaded by a nonce-bearing script are trusted, hosts are not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style attributes carry the image viewer's zoom transform; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // A dataset may serve its pixels from a CDN through a URL template (http or https).
    "img-src 'self' blob: data: https: http:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Features the app never uses are switched off, for it and anything embedded in it. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "midi=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

/** Only sent over HTTPS: on plain http a browser ignores it, and a local http install must stay reachable. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Whether the request reached us over HTTPS, directly or through a proxy that says so. */
export function isHttps(url: URL, forwardedProto: string | null): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}

/**
 * A server-action POST (Next-Action header) to something that is not a page — a file such as
 * robots.txt or an API route — has no action to run; answered 405 instead of Next's 500.
 */
export function isMisdirectedAction(method: string, pathname: string, hasActionHeader: boolean): boolean {
  if (method !== "POST" || !hasActionHeader) return false;
  const last = pathname.split("/").pop() ?? "";
  return pathname.startsWith("/api/") || pathname.startsWith("/_next/") || last.includes(".");
}
