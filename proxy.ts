import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { contentSecurityPolicy, isHttps, isMisdirectedAction, STRICT_TRANSPORT_SECURITY } from "@/lib/security/headers";

/**
 * Reachable signed out: the sign-in page, next-auth's own routes, the public files, health (load
 * balancers probe it) and metrics (Prometheus scrapes it with a bearer token, which the route checks).
 */
const PUBLIC = /^\/(sign-in|api\/auth(\/|$)|api\/health$|api\/metrics$|robots\.txt$|favicon\.ico$|icon\.svg$)/;

/**
 * Sends signed-out visitors to the sign-in page and sets the per-request security headers (a
 * CSP with a fresh nonce, HSTS over https). The redirect is a convenience, not the security
 * boundary: every page, route handler and server action checks the user itself. Every request
 * also gets an id for the logs (kept from the load balancer when it sent one).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isMisdirectedAction(request.method, pathname, request.headers.has("next-action"))) {
    return NextResponse.json({ error: "Method not allowed." }, { status: 405, headers: { Allow: "GET, HEAD" } });
  }
  if (!PUBLIC.test(pathname) && !(await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET, decode: decodeSessionToken }))) {
    if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first." }, { status: 401 });
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }

  const https = isHttps(request.nextUrl, request.headers.get("x-forwarded-proto"));
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, development: process.env.NODE_ENV === "development", https });
  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const headers = new Headers(request.headers);
  if (!headers.get("x-request-id")) headers.set("x-request-id", crypto.randomUUID());
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  if (https) response.headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  return response;
}

export const config = {
  // Everything but the build's static files, including robots.txt (for the Next-Action check).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
