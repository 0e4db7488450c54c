import { getToken } from "next-auth/jwt";
import { type NextRequest, NextResponse } from "next/server";

// Reachable signed out: load balancers probe health; Prometheus scrapes metrics with a bearer token, which the route checks.
const PUBLIC_API = new Set(["/api/health", "/api/metrics"]);

/**
 * Sends signed-out visitors to the sign-in page. This is a convenience, not the security
 * boundary: every page, route handler and server action checks the user itself. It also gives
 * every request an id (kept from the load balancer when it sent one) for the logs.
 */
export async function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  if (!headers.get("x-request-id")) headers.set("x-request-id", crypto.randomUUID());
  const next = () => NextResponse.next({ request: { headers } });
  if (PUBLIC_API.has(request.nextUrl.pathname)) return next();
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return next();
  if (request.nextUrl.pathname.startsWith("/api/")) {
    return NextResponse.json({ error: "Sign in first." }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!sign-in|api/auth|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
