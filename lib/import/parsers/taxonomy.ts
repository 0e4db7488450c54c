import { excerpt, ImportError } from "../import-error";
import type { ClassRecord } from "../records";
import { CLASS_COUNT, isWnid } from "./identifiers";
import { describeOffset, isPlainObject, parseJsonText, preview, rejectNul } from "./json-input";
import { LiteralSyntaxError, tokenize, type Token } from "./python-literal";

/**
 * `class_info.json`: 1000 `{cid, wnid, synset: [lemmas], gloss}`. The class index is the
 * position in the wnid-sorted list, so cids must be 0..999 and wnids ascending with cid.
 */
export function parseClassInfo(text: string, file: string): ClassRecord[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of class entries.");
  const byIndex: (ClassRecord | undefined)[] = new Array(CLASS_COUNT);
  data.forEach((entry: unknown, position) => {
    const where = `entry ${position}`;
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected an object, found ${preview(entry)}.`);
    const { cid, wnid, synset, gloss } = entry;
    if (typeof cid !== "number" || !Number.isInteger(cid) || cid < 0 || cid >= CLASS_COUNT) {
      throw new ImportError(file, where, `"cid" must be a class index 0..999, found ${preview(cid)}.`);
    }
    if (typeof wnid !== "string" || !isWnid(wnid)) {
      throw new ImportError(file, where, `"wnid" must look like n01440764, found ${preview(wnid)}.`);
    }
    if (!Array.isArray(synset) || synset.length === 0 || !synset.every((s) => typeof s === "string" && s.trim() !== "")) {
      throw new ImportError(file, where, `"synset" must be a non-empty list of names, found ${preview(synset)}.`);
    }
    if (typeof gloss !== "string") throw new ImportError(file, where, `"gloss" must be a string, found ${preview(gloss)}.`);
    if (byIndex[cid]) throw new ImportError(file, where, `cid ${cid} appears twice.`);
    byIndex[cid] = { index: cid, wnid, lemmas: synset.map((s: string) => s.trim()), gloss };
  });
  return completeTaxonomy(byIndex, file, "cid");
}

/**
 * `LOC_synset_mapping.txt`: `n01440764 : tench, Tinca tinca` per line (the Kaggle original
 * has no colon; both are read). Line order is the class index; there is no gloss.
 */
export function parseSynsetMapping(text: string, file: string): ClassRecord[] {
  rejectNul(text, file);
  const lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const records: (ClassRecord | undefined)[] = new Array(CLASS_COUNT);
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    const match = /^(n\d{8})(?:\s+:\s*|\s+)(\S.*)$/.exec(line.trim());
    if (!match) throw new ImportError(file, where, `Expected "n01440764 : tench, Tinca tinca", found ${preview(line)}.`);
    const lemmas = match[2]!.split(",").map((s) => s.trim());
    if (lemmas.some((s) => s === "")) throw new ImportError(file, where, "A class name in the list is empty.");
    if (i >= CLASS_COUNT) throw new ImportError(file, where, `There are more than ${CLASS_COUNT} lines.`);
    records[i] = { index: i, wnid: match[1]!, lemmas, gloss: "" };
  });
  return completeTaxonomy(records, file, "line");
}

function completeTaxonomy(records: (ClassRecord | undefined)[], file: string, unit: "cid" | "line"): ClassRecord[] {
  const missing = records.findIndex((r) => r === undefined);
  const count = records.filter(Boolean).length;
  if (count !== CLASS_COUNT || missing !== -1) {
    throw new ImportError(file, null, `Expected exactly ${CLASS_COUNT} classes, found ${count}${missing >= 0 ? ` (first missing ${unit}: ${unit === "line" ? missing + 1 : missing})` : ""}.`);
  }
  const full = records as ClassRecord[];
  for (let i = 1; i < full.length; i++) {
    const previous = full[i - 1]!;
    const current = full[i]!;
    if (current.wnid <= previous.wnid) {
      throw new ImportError(
        file,
        unit === "line" ? `line ${i + 1}` : `cid ${i}`,
        `wnid ${current.wnid} is not after ${previous.wnid}: class indices must follow the sorted, unique wnid list.`,
      );
    }
  }
  return full;
}

/** OpenAI's CLIP class names: a JSON array of exactly 1000 strings (duplicates are real: "missile"). */
export function parseClassNameList(text: string, file: string): string[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of class names.");
  data.forEach((name: unknown, i) => {
    if (typeof name !== "string" || name.trim() === "") {
      throw new ImportError(file, `position ${i}`, `Expected a non-empty class name, found ${preview(name)}.`);
    }
  });
  if (data.length !== CLASS_COUNT) {
    throw new ImportError(file, null, `Expected exactly ${CLASS_COUNT} class names, found ${data.length}.`);
  }
  return (data as string[]).map((s) => s.trim());
}

/**
 * "Flaws of ImageNet" `modified_classnames.txt`: the body of a Python list literal (quoted
 * items, trailing commas, `# comment` tails). Tokenized, never evaluated. Surrounding
 * brackets are accepted so a complete list literal also reads.
 */
export function parseModifiedClassNames(text: string, file: string): string[] {
  rejectNul(text, file);
  let tokens: Token[];
  try {
    tokens = tokenize(text);
  } catch (error) {
    if (error instanceof LiteralSyntaxError) throw new ImportError(file, describeOffset(text, error.offset), `${error.message}.`);
    throw error;
  }
  const first = tokens[0];
  const last = tokens.at(-1);
  if (first?.kind === "punct" && first.text === "[") {
    if (last?.kind !== "punct" || last.text !== "]" || tokens.length < 2) {
      throw new ImportError(file, describeOffset(text, text.length), "The list opens with '[' but does not close with ']'.");
    }
    tokens = tokens.slice(1, -1);
  }
  const names: string[] = [];
  let expectName = true;
  for (const token of tokens) {
    const where = describeOffset(text, token.offset);
    if (expectName) {
      if (token.kind !== "string") throw new ImportError(file, where, `Expected a quoted class name, found ${excerpt(token.text)}.`);
      if (token.value.trim() === "") throw new ImportError(file, where, `Class name ${names.length} is empty.`);
      // A Python escape such as '\x00' decodes to NUL, which PostgreSQL cannot store.
      if (token.value.includes("\u0000")) throw new ImportError(file, where, `Class name ${names.length} contains a NUL character (U+0000), which cannot be stored.`);
      names.push(token.value);
      expectName = false;
    } else {
      if (token.kind === "string") {
        throw new ImportError(file, where, "Two class names follow each other without a comma; Python would join them into one name.");
      }
      if (token.text !== ",") throw new ImportError(file, where, `Expected a comma, found ${excerpt(token.text)}.`);
      expectName = true;
    }
  }
  if (names.length !== CLASS_COUNT) {
    throw new ImportError(file, null, `Expected exactly ${CLASS_COUNT} class names, found ${names.length}.`);
  }
  return names;
}
