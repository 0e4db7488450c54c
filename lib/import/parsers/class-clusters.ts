import { ImportError } from "../import-error";
import type { ClassGroupRecord } from "../records";
import { sortedUnique } from "./identifiers";
import { isPlainObject, parseJsonText, preview } from "./json-input";

/**
 * "Flaws of ImageNet" `clusters.json`: `[{"category": [codes], "classes": {"<index>": "<synset name>"}}]`.
 * Codes are the relation kinds 1..6 of CATEGORIES.md; a group may carry several. The synset
 * names are informative only: the index keys are what identify the classes.
 */
export function parseClassClusters(text: string, file: string, classCount = 1000): ClassGroupRecord[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of class groups.");
  return data.map((group: unknown, position) => {
    const where = `group ${position}`;
    if (!isPlainObject(group)) throw new ImportError(file, where, `Expected an object, found ${preview(group)}.`);
    const { category, classes } = group;
    if (!Array.isArray(category) || category.length === 0) {
      throw new ImportError(file, where, `"category" must be a non-empty list of codes 1..6, found ${preview(category)}.`);
    }
    for (const code of category) {
      if (typeof code !== "number" || !Number.isInteger(code) || code < 1 || code > 6) {
        throw new ImportError(file, where, `Category code ${preview(code)} is not one of 1..6.`);
      }
    }
    if (!isPlainObject(classes)) throw new ImportError(file, where, `"classes" must be an object keyed by class index, found ${preview(classes)}.`);
    const indices = Object.keys(classes).map((key) => {
      const n = /^\d+$/.test(key) ? Number(key) : NaN;
      if (!(n >= 0 && n < classCount)) throw new ImportError(file, where, `Class key ${preview(key)} is not a class index 0..${classCount - 1}.`);
      return n;
    });
    if (indices.length < 2) throw new ImportError(file, where, "A class group needs at least two classes.");
    return { codes: sortedUnique(category as number[]), classes: sortedUnique(indices) };
  });
}
