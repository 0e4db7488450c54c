/**
 * Where to send a user after signing in. Only a path on this site is accepted: the value is
 * resolved against a placeholder origin with the URL parser (which is what the browser will do
 * with it), so `//evil.example`, `/\evil.example`, `/%09/evil.example`, `https://…` and
 * `javascript:` all resolve elsewhere and fall back to the home page.
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/")) return "/";
  const base = "http://relabel.invalid";
  let target: URL;
  try {
    target = new URL(raw, base);
  } catch {
    return "/";
  }
  if (target.origin !== base) return "/";
  const path = target.pathname + target.search + target.hash;
  // Sending a signed-in user back to the sign-in page would only show it again.
  return path.startsWith("/sign-in") ? "/" : path;
}
