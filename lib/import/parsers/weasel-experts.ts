import { excerpt, ImportError } from "../import-error";
import type { ExpertDecisionRecord } from "../records";
import { byFileNumber, sortedUnique, toClassIndex, validationFileNumber } from "./identifiers";
import { assertUniqueImageKeys, isPlainObject, parseJsonText, preview } from "./json-input";

/**
 * In the "Flaws of ImageNet" weasel-family file, `new_label: 359` does NOT mean the
 * black-footed ferret of synset 359: the experts used it for the domestic ferret (the synset's
 * "ferret" lemma). The only true black-footed ferret in the file is stored as `uncertain` with a
 * comment saying so. A 359 decision therefore becomes the outside label "domestic ferret".
 */
export const FERRET_CLASS = 359;
export const DOMESTIC_FERRET = "domestic ferret";

const FERRET_NOTE =
  'Import note: in this file new_label 359 means domestic ferret (the "ferret" lemma of synset 359), not a black-footed ferret.';
const FERRET_CANDIDATE_NOTE =
  'Import note: candidate 359 is kept as published; in this file 359 stands for the "ferret" lemma (domestic ferret).';

type Ambiguity = ExpertDecisionRecord["ambiguity"];

/** The reason an uncertain comment states, when it states one plainly. */
export function ambiguityFromComment(comment: string, candidateCount: number): Exclude<Ambiguity, null> {
  if (/\bblurr?(y|ed)\b/i.test(comment)) return "BLURRY";
  if (/\bobscured\b/i.test(comment)) return "FEATURES_OBSCURED";
  if (/\btoo far\b|\bfar away\b/i.test(comment)) return "TOO_FAR";
  return candidateCount >= 2 ? "SEVERAL_CLASSES_POSSIBLE" : "OTHER";
}

/** Non-ImageNet objects a multilabel comment marks, e.g. "a weasel and a vole (custom label)". */
export function customLabelsFromComment(comment: string): string[] {
  const labels: string[] = [];
  const parts = comment.split(/\(custom label\)/i);
  // Every part but the last precedes a marker; the label is the phrase after its last article or "and".
  for (const before of parts.slice(0, -1)) {
    const phrase = before.split(/[.;,:!?]|\b(?:and|or|with|a|an|the|is|are|there)\b/i).at(-1)!.trim().toLowerCase();
    if (/^[a-z][a-z' -]*$/.test(phrase)) labels.push(phrase);
  }
  return [...new Set(labels)];
}

/**
 * `356_357_358_359.json`: `{file: {old_label, new_label, label_type, detailed_labels,
 * selected_classes?}}` with label_type basic (one class), uncertain (new_label null, optional
 * candidate set), custom (not in ImageNet; species in free text) or multilabel (new_label a
 * list; extra non-ImageNet objects only in the text). The text is always kept in notes.
 */
export function parseWeaselExpertFile(text: string, file: string): ExpertDecisionRecord[] {
  const data = parseJsonText(text, file);
  if (!isPlainObject(data)) throw new ImportError(file, null, "Expected a JSON object keyed by validation file name.");
  assertUniqueImageKeys(text, file);
  const decisions = Object.entries(data).map(([name, entry]) => {
    const where = `key ${excerpt(name, 40)}`;
    const fileNumber = validationFileNumber(name);
    if (fileNumber === null) throw new ImportError(file, where, "The key is not a validation file name like ILSVRC2012_val_00000001.JPEG.");
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected an object, found ${preview(entry)}.`);
    return readDecision(entry, fileNumber, file, where);
  });
  return byFileNumber(decisions);
}

function readDecision(entry: Record<string, unknown>, fileNumber: number, file: string, where: string): ExpertDecisionRecord {
  toClassIndex(entry.old_label, file, `${where}, field old_label`);
  const comment = entry.detailed_labels ?? "";
  if (typeof comment !== "string") throw new ImportError(file, `${where}, field detailed_labels`, `Expected text, found ${preview(comment)}.`);
  const candidateClasses = readSelectedClasses(entry.selected_classes, file, `${where}, field selected_classes`);
  const newLabel = entry.new_label;
  const base = { fileNumber, classes: [] as number[], ambiguity: null as Ambiguity, candidateClasses, outsideLabels: [] as string[] };
  const notes = (...extra: string[]) => [comment.trim(), ...extra].filter(Boolean).join("\n");
  const labelWhere = `${where}, field new_label`;

  switch (entry.label_type) {
    case "basic": {
      if (newLabel === null || Array.isArray(newLabel)) throw new ImportError(file, labelWhere, "A basic label needs one class index.");
      const classIndex = toClassIndex(newLabel, file, labelWhere);
      if (classIndex === FERRET_CLASS) return { ...base, outsideLabels: [DOMESTIC_FERRET], notes: notes(FERRET_NOTE) };
      return { ...base, classes: [classIndex], notes: notes() };
    }
    case "uncertain": {
      if (newLabel !== null && newLabel !== undefined) throw new ImportError(file, labelWhere, `An uncertain label must have new_label null, found ${preview(newLabel)}.`);
      const extra = candidateClasses.includes(FERRET_CLASS) ? [FERRET_CANDIDATE_NOTE] : [];
      return { ...base, ambiguity: ambiguityFromComment(comment, candidateClasses.length), notes: notes(...extra) };
    }
    case "custom": {
      if (newLabel !== null && newLabel !== undefined) throw new ImportError(file, labelWhere, `A custom label must have new_label null, found ${preview(newLabel)}.`);
      const label = comment.trim().toLowerCase();
      if (label === "") throw new ImportError(file, `${where}, field detailed_labels`, "A custom label needs the species or object in detailed_labels.");
      return { ...base, outsideLabels: [label], notes: notes() };
    }
    case "multilabel": {
      if (!Array.isArray(newLabel) || newLabel.length === 0) throw new ImportError(file, labelWhere, `A multilabel entry needs a non-empty list of classes, found ${preview(newLabel)}.`);
      const indices = newLabel.map((c: unknown) => toClassIndex(c, file, labelWhere));
      const outsideLabels = customLabelsFromComment(comment);
      const classes = sortedUnique(indices.filter((c) => c !== FERRET_CLASS));
      if (indices.includes(FERRET_CLASS)) outsideLabels.unshift(DOMESTIC_FERRET);
      return { ...base, classes, outsideLabels, notes: notes(...(indices.includes(FERRET_CLASS) ? [FERRET_NOTE] : [])) };
    }
    default:
      throw new ImportError(file, `${where}, field label_type`, `Unknown label_type ${preview(entry.label_type)}; expected basic, uncertain, custom or multilabel.`);
  }
}

function readSelectedClasses(value: unknown, file: string, where: string): number[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) throw new ImportError(file, where, `Expected an object keyed by class index, found ${preview(value)}.`);
  return sortedUnique(Object.keys(value).map((key) => toClassIndex(key, file, where)));
}
