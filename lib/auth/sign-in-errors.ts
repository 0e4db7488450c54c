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

export function signInErrorMessage(code: string | null | undefined): string {
  return code && code in SIGN_IN_ERRORS ? SIGN_IN_ERRORS[code as SignInError] : "Signing in failed. Try again.";
}
