import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";

/**
 * Where a form action sent the browser. Such an action (startLabelingAction) answers with Next's
 * redirect(), which throws a NEXT_REDIRECT error for Next to turn into a 303, instead of returning
 * an ActionResult. Any other throw, or returning at all, is rethrown / reported as the failure it is.
 */
export async function redirectOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (isRedirectError(error)) return getURLFromRedirectError(error);
    throw error;
  }
  throw new Error("The form action returned instead of redirecting.");
}

/** The FormData a form posts: every field as text. */
export function formDataOf(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  return form;
}
