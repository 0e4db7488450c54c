/**
 * Why a sign-in failed: the code next-auth carries from `authorize` to the browser, and the
 * sentence the sign-in form shows for it. Shared so the two cannot drift apart.
 */
export const SIGN_IN_ERRORS = {
  "invalid-credentials": "Wrong email or password.",
  disabled: "This account is disabled. Ask an administrator to enable it.",
  malformed: "Enter a valid email address and your password.",
  // Whatever broke (the database is down, say) is logged on the server; an anonymous caller learns only this.
  unavailable: "Signing in is not possible right now. Try again in a few minutes; if it keeps failing, tell your administrator.",
} as const;

export type SignInError = keyof typeof SIGN_IN_ERRORS;

// A throttled sign-in carries its wait in the code itself ("rate-limited:5"), since next-auth passes only one string.
const RATE_LIMITED = "rate-limited";

export function rateLimitedError(retryAfterSeconds: number): string {
  return `${RATE_LIMITED}:${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
}

export function signInErrorMessage(code: string | null | undefined): string {
  const minutes = code?.startsWith(`${RATE_LIMITED}:`) ? Number(code.slice(RATE_LIMITED.length + 1)) : NaN;
  if (Number.isInteger(minutes) && minutes > 0) return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
  return code && code in SIGN_IN_ERRORS ? SIGN_IN_ERRORS[code as SignInError] : "Signing in failed. Try again.";
}
