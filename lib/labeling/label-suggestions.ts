/** Suggestions for labels outside ImageNet, from the campaign's vocabulary. */
import { normalizeOutsideLabel } from "@/lib/labeling/decision-store";

const MAX_SUGGESTIONS = 8;

/** Prefix matches first, then matches inside the label; labels already added are left out. */
export function suggestLabels(vocabulary: readonly string[], query: string, exclude: readonly string[]): string[] {
  const needle = normalizeOutsideLabel(query);
  if (!needle) return [];
  const prefix: string[] = [];
  const inside: string[] = [];
  for (const entry of vocabulary) {
    const normalized = normalizeOutsideLabel(entry);
    if (exclude.includes(normalized) || normalized === needle) continue;
    if (normalized.startsWith(needle)) prefix.push(entry);
    else if (normalized.includes(needle)) inside.push(entry);
    if (prefix.length >= MAX_SUGGESTIONS) break;
  }
  return [...prefix, ...inside].slice(0, MAX_SUGGESTIONS);
}
