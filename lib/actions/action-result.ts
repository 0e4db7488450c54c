export type ActionResult<T> =
  | { ok: true; data: T }
  /** retryable: the server failed, not the input (database down, a bug); the same request may succeed later. */
  | { ok: false; error: string; fieldErrors?: Record<string, string[]>; retryable?: true };
