import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/action-result";
import { can, type Permission } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/users";
import { ExpectedError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { fieldErrorsOf } from "@/lib/validation/field-errors";

export type ActionBody<I, O> = (input: I, user: SessionUser) => Promise<O>;

/** Who asked for what, for logs and metrics; the action's name defaults to its permission. */
export interface ActionContext {
  action?: string;
  requestId?: string;
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
  context: ActionContext = {},
): Promise<ActionResult<O>> {
  const action = context.action ?? permission;
  const stop = metrics.actionSeconds.startTimer({ action });
  const result = await steps(user, permission, schema, body, input, { ...context, action });
  stop({ outcome: result.ok ? "ok" : "error" });
  return result;
}

async function steps<S extends z.ZodType, O>(
  user: SessionUser | null,
  permission: Permission,
  schema: S,
  body: ActionBody<z.output<S>, O>,
  input: unknown,
  context: Required<Pick<ActionContext, "action">> & ActionContext,
): Promise<ActionResult<O>> {
  if (!user) return { ok: false, error: "Your session has ended. Sign in again." };
  if (!can(user, permission)) {
    // A failed audit write must not turn a refusal into a crash: the answer stays the same.
    await context.onDenied?.(user, permission).catch((error: unknown) => log.error({ action: context.action, ...errorFields(error) }, "could not audit a denial"));
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
    // The input is not logged: it may hold free text or paths an admin would not want in a log store.
    log.error({ action: context.action, permission, requestId: context.requestId, userId: user.id, ...errorFields(error) }, "action failed");
    return { ok: false, error: "Something went wrong on our side; nothing was saved. Try again.", retryable: true };
  }
}
