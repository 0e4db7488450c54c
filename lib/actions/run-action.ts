import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { can, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { ExpectedError } from "@/lib/errors";

export type ActionBody<I, O> = (input: I, user: SessionUser) => Promise<O>;

export interface ActionHooks {
  /** A signed-in user asked for something their role does not allow (audited by defineAction). */
  onDenied?: (user: SessionUser, permission: Permission) => Promise<void>;
}

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
  hooks: ActionHooks = {},
): Promise<ActionResult<O>> {
  if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
  if (!can(user, permission)) {
    // A failed audit write must not turn a refusal into a crash: the answer stays the same.
    await hooks.onDenied?.(user, permission).catch((error: unknown) => console.error("[action] could not audit a denial:", error));
    return { ok: false, error: "You do not have permission to do that." };
  }
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
}

function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
