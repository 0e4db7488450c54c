/**
 * Fuzzy search over the taxonomy's classes (ImageNet's 1,000, or another dataset's) for the class
 * palette. The index is built once per class list; a query then scans ~6,000 precomputed terms with plain string operations, which
 * stays far below a millisecond — no per-keystroke allocation beyond the hit list.
 */
import type { ClassSummary } from "@/lib/labeling/types";

export type MatchTier = "exact" | "prefix" | "word-prefix" | "substring" | "subsequence";
export type MatchField = "index" | "wnid" | "name" | "lemma" | "modified" | "openai";

export interface ClassSearchHit {
  cls: ClassSummary;
  tier: MatchTier;
  field: MatchField;
  /** The name (as published, not normalized) that matched, to show why a class was found. */
  text: string;
  score: number;
}

export interface ClassSearchIndex {
  search(query: string, limit?: number): ClassSearchHit[];
}

interface Term {
  cls: ClassSummary;
  field: MatchField;
  text: string;
  normalized: string;
  /** `normalized` without spaces, for subsequence matching. */
  compact: string;
  words: string[];
  /** Identifiers only match exactly or by prefix: a subsequence of "n02823428" means nothing. */
  identifier: boolean;
  penalty: number;
}

const TIER_SCORE: Record<MatchTier, number> = {
  exact: 5000,
  prefix: 4000,
  "word-prefix": 3000,
  substring: 2000,
  subsequence: 1000,
};

// The class's own first lemma beats its other names, which beat names of other sources.
const FIELD_PENALTY: Record<MatchField, number> = { index: 0, wnid: 0, name: 0, lemma: 100, modified: 150, openai: 150 };

/** Lower case, no accents, any run of punctuation or spaces as one space ("jack-o'-lantern" → "jack o lantern"). */
export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function termsOf(cls: ClassSummary): Term[] {
  const fields: [MatchField, string | null][] = [
    ["index", String(cls.index)],
    ["wnid", cls.wnid],
    ["name", cls.name],
    ...cls.lemmas.map((lemma): [MatchField, string] => ["lemma", lemma]),
    ["modified", cls.modifiedName],
    ["openai", cls.openaiName],
  ];
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const [field, text] of fields) {
    if (!text) continue;
    const normalized = normalizeSearchText(text);
    if (!normalized || seen.has(normalized)) continue;
    seen.add(normalized);
    terms.push({
      cls,
      field,
      text,
      normalized,
      compact: normalized.replaceAll(" ", ""),
      words: normalized.split(" "),
      identifier: field === "index" || field === "wnid",
      penalty: FIELD_PENALTY[field],
    });
  }
  return terms;
}

function wordPrefixMatch(words: string[], tokens: string[]): boolean {
  let next = 0;
  for (const token of tokens) {
    while (next < words.length && !words[next]!.startsWith(token)) next++;
    if (next === words.length) return false;
    next++;
  }
  return true;
}

/** Span of the earliest in-order match of `needle` in `haystack`, or -1: tighter spans rank higher. */
function subsequenceSpan(haystack: string, needle: string): number {
  let start = -1;
  let position = 0;
  for (let i = 0; i < needle.length; i++) {
    const found = haystack.indexOf(needle[i]!, position);
    if (found === -1) return -1;
    if (start === -1) start = found;
    position = found + 1;
  }
  return position - start;
}

function scoreTerm(term: Term, query: string, tokens: string[], compactQuery: string): [MatchTier, number] | null {
  const lengthPenalty = Math.min(term.normalized.length - query.length, 60);
  if (term.normalized === query) return ["exact", TIER_SCORE.exact - term.penalty];
  if (term.normalized.startsWith(query)) return ["prefix", TIER_SCORE.prefix - term.penalty - lengthPenalty];
  if (term.identifier) return null;
  if (wordPrefixMatch(term.words, tokens)) return ["word-prefix", TIER_SCORE["word-prefix"] - term.penalty - lengthPenalty];
  if (term.normalized.includes(query)) return ["substring", TIER_SCORE.substring - term.penalty - lengthPenalty];
  const span = subsequenceSpan(term.compact, compactQuery);
  // Scattered letters ("crane" in "cockerspaniel") are noise, not a typo: allow only small gaps.
  if (span === -1 || span > compactQuery.length + Math.max(2, Math.ceil(compactQuery.length / 2))) return null;
  const gaps = span - compactQuery.length;
  return ["subsequence", TIER_SCORE.subsequence - term.penalty - Math.min(gaps * 10, 600) - lengthPenalty];
}

export function createClassSearchIndex(classes: readonly ClassSummary[]): ClassSearchIndex {
  const terms = classes.flatMap(termsOf);
  return {
    search(rawQuery, limit = 50) {
      const query = normalizeSearchText(rawQuery);
      if (!query) return [];
      const tokens = query.split(" ");
      const compactQuery = query.replaceAll(" ", "");
      // Best hit per class: a class found by several names appears once.
      const best = new Map<number, ClassSearchHit>();
      for (const term of terms) {
        const match = scoreTerm(term, query, tokens, compactQuery);
        if (!match) continue;
        const [tier, score] = match;
        const previous = best.get(term.cls.index);
        if (!previous || score > previous.score) {
          best.set(term.cls.index, { cls: term.cls, tier, field: term.field, text: term.text, score });
        }
      }
      return [...best.values()]
        .sort((a, b) => b.score - a.score || a.cls.index - b.cls.index)
        .slice(0, limit);
    },
  };
}
