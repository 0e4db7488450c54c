/** Naming classes on the labeling screen: by index, and with their problematic-group warnings. */
import { RELATION_NAMES, type ClassSummary } from "@/lib/labeling/types";

export type ClassLookup = ReadonlyMap<number, ClassSummary>;

export function indexClasses(classes: readonly ClassSummary[]): ClassLookup {
  return new Map(classes.map((cls) => [cls.index, cls]));
}

/** The class's name, or "#517" when the list lacks it (a stale or partial class table must not crash the screen). */
export function className(lookup: ClassLookup, index: number): string {
  return lookup.get(index)?.name ?? `#${index}`;
}

/**
 * Names that occur more than once ("crane", "maillot") need the index to be told apart, so those
 * are shown as "crane (134)"; unique names stay short.
 */
export function distinctName(lookup: ClassLookup, duplicates: ReadonlySet<string>, index: number): string {
  const name = className(lookup, index);
  return duplicates.has(name) ? `${name} (${index})` : name;
}

export function duplicateNames(classes: readonly ClassSummary[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const cls of classes) {
    if (seen.has(cls.name)) duplicates.add(cls.name);
    seen.add(cls.name);
  }
  return duplicates;
}

const MAX_NAMED = 4;

/**
 * One warning line per problematic group: "often confused with notebook (near-synonyms)".
 * Relation codes without a known name are dropped rather than shown as numbers.
 */
export function describeGroups(cls: ClassSummary, lookup: ClassLookup): string[] {
  return cls.groups.flatMap((group) => {
    const others = group.classes.filter((index) => index !== cls.index);
    if (others.length === 0) return [];
    const named = others.slice(0, MAX_NAMED).map((index) => className(lookup, index));
    const more = others.length > MAX_NAMED ? ` and ${others.length - MAX_NAMED} more` : "";
    const relations = group.codes.map((code) => RELATION_NAMES[code]).filter(Boolean);
    const why = relations.length > 0 ? ` (${relations.join(", ")})` : "";
    return [`often confused with ${named.join(", ")}${more}${why}`];
  });
}
