import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether an Authorization header carries the metrics token. Without a configured token no header
 * is accepted (there is no default). Hashing both sides first gives timingSafeEqual equal lengths,
 * so the comparison leaks neither the token nor its length.
 */
export function hasMetricsToken(authorization: string | null, token: string | undefined): boolean {
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(authorization.slice("Bearer ".length)), digest(token));
}
