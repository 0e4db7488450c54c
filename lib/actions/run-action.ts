import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { can, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { ExpectedError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

export type ActionBody<I, O> = (input: I, user: SessionUser) => Promise<O>;

/**
 * The steps every server action takes, in order: authenticate → authorize (permission table) →
 * validate (zod) → run → typed result. Kept apart from next-auth so it can be tested directly.
 */
export async function runAction<S extends z.ZodType, O>(
  user: SessionUser | null,
  permission: Permission,
  schema: S,
  body: ActionBody<z.output<S>, O>,
  input: unknown,
): Promise<ActionResult<O>> {
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
    return { ok: false, error: "Something went wrong on our side; nothing was saved. Try again.", retryable: true };
  }
}
