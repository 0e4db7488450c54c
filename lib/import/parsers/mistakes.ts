import { excerpt, ImportError } from "../import-error";
import type { HintRecord } from "../records";
import { byFileNumber, toClassIndex, validationFileNumber } from "./identifiers";
import { assertUniqueImageKeys, isPlainObject, parseJsonText, preview } from "./json-input";

/**
 * Canonical spellings of Vasudevan et al.'s failure categories. The published files spell the
 * same category two ways ("Fine-grained error with OOV" in both, "Fine-grained with OOV" in
 * greedy_soups only), so the comparison key drops case, "error" and punctuation.
 */
export const MISTAKE_CATEGORIES = [
  "fine-grained",
  "fine-grained with OOV",
  "fine-grained with multilabel options",
  "spurious correlation",
  "non-prototypical",
] as const;

export const MISTAKE_SEVERITIES = ["minor", "major", "borderline"] as const;

function categoryKey(text: string): string {
  return text.toLowerCase().replace(/\berror\b/g, " ").replace(/[^a-z]+/g, " ").trim();
}

const CATEGORY_BY_KEY = new Map<string, string>(MISTAKE_CATEGORIES.map((c) => [categoryKey(c), c]));

export function normalizeMistakeCategory(text: string): string | null {
  return CATEGORY_BY_KEY.get(categoryKey(text)) ?? null;
}

/**
 * `imagenet-mistakes/*_mistakes.json`: `{file: {top_prediction, "failure category",
 * "failure severity"}}` — a strong model's remaining mistakes with an expert's reading.
 * These are hints about an image, not label sets.
 */
export function parseMistakes(text: string, file: string): HintRecord[] {
  const data = parseJsonText(text, file);
  if (!isPlainObject(data)) throw new ImportError(file, null, "Expected a JSON object keyed by validation file name.");
  assertUniqueImageKeys(text, file);
  const hints: HintRecord[] = [];
  for (const [name, entry] of Object.entries(data)) {
    const where = `key ${excerpt(name, 40)}`;
    const fileNumber = validationFileNumber(name);
    if (fileNumber === null) throw new ImportError(file, where, "The key is not a validation file name like ILSVRC2012_val_00000001.JPEG.");
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected an object, found ${preview(entry)}.`);
    const prediction = entry.top_prediction;
    const classIndex = prediction === null || prediction === undefined ? null : toClassIndex(prediction, file, `${where}, field top_prediction`);
    const rawCategory = entry["failure category"];
    if (typeof rawCategory !== "string") throw new ImportError(file, where, `"failure category" must be a string, found ${preview(rawCategory)}.`);
    const category = normalizeMistakeCategory(rawCategory);
    if (category === null) {
      throw new ImportError(file, `${where}, field failure category`, `Unknown failure category ${JSON.stringify(rawCategory)}; expected one of: ${MISTAKE_CATEGORIES.join("; ")}.`);
    }
    const rawSeverity = entry["failure severity"];
    const severity = typeof rawSeverity === "string" ? rawSeverity.trim().toLowerCase() : "";
    if (!(MISTAKE_SEVERITIES as readonly string[]).includes(severity)) {
      throw new ImportError(file, `${where}, field failure severity`, `Unknown failure severity ${preview(rawSeverity)}; expected Minor, Major or Borderline.`);
    }
    hints.push({ fileNumber, classIndex, category, severity });
  }
  return byFileNumber(hints);
}

export interface ClassConfusionRecord {
  /** The pair as published (which class is the label and which the prediction is not stated). */
  classes: [number, number];
  count: number;
}

/**
 * `class_confusion_wnids.json`: `[[wnid, wnid, count], ...]`. The `_synsets` twin names classes
 * by a lemma, which is ambiguous ("crane" is two classes), so only the wnid file is read.
 */
export function parseClassConfusion(text: string, file: string, wnidToIndex: ReadonlyMap<string, number>): ClassConfusionRecord[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of [wnid, wnid, count] triples.");
  return data.map((triple: unknown, position) => {
    const where = `position ${position}`;
    if (!Array.isArray(triple) || triple.length !== 3 || typeof triple[0] !== "string" || typeof triple[1] !== "string") {
      throw new ImportError(file, where, `Expected [wnid, wnid, count], found ${preview(triple)}.`);
    }
    const count = triple[2];
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
      throw new ImportError(file, where, `The count must be a whole number ≥ 1, found ${preview(count)}.`);
    }
    return {
      classes: [toClassIndex(triple[0], file, where, wnidToIndex), toClassIndex(triple[1], file, where, wnidToIndex)],
      count,
    };
  });
}
