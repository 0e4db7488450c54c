/** Joins class names, skipping falsy ones: `cx("a", active && "b")`. */
export function cx(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

/** The one focus ring used by every interactive primitive, so keyboard focus always looks the same. */
export const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600";
