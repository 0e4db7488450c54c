import "server-only";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { ExpectedError } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/users";

export type ActionBody<I, O> = (input: I, user: SessionUser) => Promise<O>;

/**
 * Every server action goes through here: validate (zod) → authenticate (re-reading the user's
 * role and active flag) → authorize (permission table) → run → typed result. Server actions are
 * public endpoints, so none of these steps may be left to the UI or the proxy.
 */
export function defineAction<S extends z.ZodType, O>(
  permission: Permission,
  schema: S,
  body: ActionBody<z.output<S>, O>,
): (input: z.input<S>) => Promise<ActionResult<O>> {
  return async (input) => {
    const user = await getCurrentUser();
    if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
    if (!can(user, permission)) return { ok: false, error: "You do not have permission to do that." };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: "Some fields are not valid.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    try {
      return { ok: true, data: await body(parsed.data, user) };
    } catch (error) {
      if (error instanceof ExpectedError) return { ok: false, error: error.message };
      console.error(`[action] ${permission} failed for user ${user.id}:`, error);
      return { ok: false, error: "Something went wrong on our side; nothing was saved. Try again." };
    }
  };
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
