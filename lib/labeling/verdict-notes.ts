/**
 * Short, human-readable extras of a source's verdict (votes, unclear labels) for the source
 * panel. Class indices in the details are named with `className`.
 */
// Kept for analytics only (ReaL's original list order, for the blog's ordered-string comparison):
// the panel already shows the same classes as a set.
const NOT_SHOWN = new Set(["labelsInFileOrder"]);

export function describeVerdict(votes: unknown, details: unknown, className: (index: number) => string): string[] {
  const notes: string[] = [];
  if (votes && typeof votes === "object") {
    const entries = Object.entries(votes as Record<string, unknown>).filter(([, count]) => typeof count === "number");
    if (entries.length > 0) notes.push(`votes: ${entries.map(([name, count]) => `${name} ${count}`).join(", ")}`);
  }
  if (details && typeof details === "object") {
    for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
      if (NOT_SHOWN.has(key)) continue;
      const classValued = /label|class/i.test(key);
      const show = (item: unknown) => (classValued && typeof item === "number" ? className(item) : String(item));
      if (Array.isArray(value) && value.length > 0) notes.push(`${humanize(key)}: ${value.map(show).join(", ")}`);
      else if (typeof value === "string" && value) notes.push(`${humanize(key)}: ${value}`);
      else if (typeof value === "number") notes.push(`${humanize(key)}: ${show(value)}`);
    }
  }
  return notes;
}

const humanize = (key: string) => key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
