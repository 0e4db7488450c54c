import type { DuplicateProtocol } from "@/lib/evaluation/duplicate-protocols";
import type { ProtocolResult } from "@/lib/evaluation/evaluate-model";
import type { Figure } from "@/lib/evaluation/score";

/** The ways the table can restrict the images it counts (the URL's `slice`), as the blog sliced its tables. */
export const SLICES = [
  { key: "all", label: "All images" },
  { key: "merged", label: "Near-synonyms merged" },
  { key: "problematicGroups", label: "Problematic class groups" },
  { key: "otherImages", label: "Other classes" },
  { key: "dup-val", label: "× Val (exact duplicates in val removed)" },
  { key: "dup-cross", label: "× Cross (val images also in train removed)" },
  { key: "dup-valCross", label: "× Val+Cross" },
  { key: "dup-all", label: "× All (near-duplicates removed)" },
] as const;
export type Slice = (typeof SLICES)[number]["key"];

export function isDuplicateSlice(slice: Slice): slice is `dup-${DuplicateProtocol}` {
  return slice.startsWith("dup-");
}

export function sliceFigure(result: ProtocolResult | undefined, slice: Slice): Figure | null | undefined {
  if (!result) return undefined;
  if (slice === "all") return result;
  if (isDuplicateSlice(slice)) return result.duplicatesRemoved?.[slice.slice(4) as DuplicateProtocol] ?? null;
  return result[slice];
}
