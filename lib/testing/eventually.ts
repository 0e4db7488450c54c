/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. For state another process changes. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = "the condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
