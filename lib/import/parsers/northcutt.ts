import { ImportError } from "../import-error";
import type { VerdictRecord } from "../records";
import { byFileNumber, SeenImages, sortedUnique, toClassIndex, toFileNumber, validationFileNumber } from "./identifiers";
import { isPlainObject, parseJsonText, preview } from "./json-input";

export type VoteRule = "majority" | "unanimous";

export interface MturkVotes {
  given: number;
  guessed: number;
  neither: number;
  both: number;
}

const VOTE_KEYS = ["given", "guessed", "neither", "both"] as const;

/**
 * The verdict that Northcutt et al.'s worker votes support. "majority" is the paper's rule
 * (more than half, i.e. ≥3 of 5); "unanimous" is the 5/5 rule the "Flaws" authors used.
 * With five votes at most one option can reach either threshold.
 */
export function mturkOutcome(
  votes: MturkVotes,
  originalLabel: number,
  guessedLabel: number,
  rule: VoteRule,
): Pick<VerdictRecord, "status" | "classes"> {
  const total = votes.given + votes.guessed + votes.neither + votes.both;
  const needed = rule === "unanimous" ? total : Math.floor(total / 2) + 1;
  if (total > 0 && votes.given >= needed) return { status: "LABELED", classes: [originalLabel] };
  if (total > 0 && votes.guessed >= needed) return { status: "LABELED", classes: [guessedLabel] };
  if (total > 0 && votes.both >= needed) return { status: "LABELED", classes: sortedUnique([originalLabel, guessedLabel]) };
  if (total > 0 && votes.neither >= needed) return { status: "NONE_FIT", classes: [] };
  return { status: "NO_CONSENSUS", classes: [] };
}

/** Validates a `{given, guessed, neither, both}` vote count (JSON object or parsed Python dict). */
export function toMturkVotes(value: unknown, file: string, where: string): MturkVotes {
  if (!isPlainObject(value)) throw new ImportError(file, where, `Expected mturk votes {given, guessed, neither, both}, found ${preview(value)}.`);
  const extra = Object.keys(value).filter((k) => !(VOTE_KEYS as readonly string[]).includes(k));
  if (extra.length > 0) throw new ImportError(file, where, `Unknown vote option ${extra.join(", ")}; expected given, guessed, neither, both.`);
  const votes = {} as MturkVotes;
  for (const key of VOTE_KEYS) {
    const n = value[key];
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
      throw new ImportError(file, where, `Vote count "${key}" must be a whole number ≥ 0, found ${preview(n)}.`);
    }
    votes[key] = n;
  }
  if (votes.given + votes.guessed + votes.neither + votes.both === 0) throw new ImportError(file, where, "The record has no votes.");
  return votes;
}

/**
 * cleanlab `imagenet_mturk.json`. `id` is the validation FILE NUMBER (the cleanlab README
 * calls it an index into the .npy arrays, which is wrong for ImageNet); the `url` ends with
 * the same file name and is cross-checked. Labels are class indices (numbers in the real file;
 * digit strings are accepted too).
 */
export function parseNorthcuttMturk(text: string, file: string, rule: VoteRule): VerdictRecord[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of mturk records.");
  const seen = new SeenImages(file);
  const records = data.map((entry: unknown, position): VerdictRecord => {
    const where = `position ${position}`;
    if (!isPlainObject(entry)) throw new ImportError(file, where, `Expected an object, found ${preview(entry)}.`);
    const fileNumber = toFileNumber(entry.id, file, `${where}, field id`);
    if (typeof entry.url === "string") {
      const fromUrl = validationFileNumber(entry.url);
      if (fromUrl !== null && fromUrl !== fileNumber) {
        throw new ImportError(file, where, `id ${fileNumber} does not match the image in url (${fromUrl}); ids must be validation file numbers.`);
      }
    }
    const originalLabel = toClassIndex(entry.given_original_label, file, `${where}, field given_original_label`);
    const guessedLabel = toClassIndex(entry.our_guessed_label, file, `${where}, field our_guessed_label`);
    const votes = toMturkVotes(entry.mturk, file, `${where}, field mturk`);
    seen.add(fileNumber, where);
    return {
      fileNumber,
      ...mturkOutcome(votes, originalLabel, guessedLabel, rule),
      votes: { ...votes },
      details: { originalLabel, guessedLabel, rule },
    };
  });
  return byFileNumber(records);
}

/**
 * cleanlab `imagenet_val_set_index_to_filepath.json`: `["val/<wnid>/ILSVRC2012_val_….JPEG", ...]`
 * in class-folder order. Returns row → file number, the order of cleanlab's `.npy` arrays.
 */
export function parseCleanlabFilepathOrder(text: string, file: string): number[] {
  const data = parseJsonText(text, file);
  if (!Array.isArray(data)) throw new ImportError(file, null, "Expected a JSON array of file paths.");
  const seen = new SeenImages(file);
  return data.map((path: unknown, position) => {
    const where = `position ${position}`;
    if (typeof path !== "string") throw new ImportError(file, where, `Expected a file path, found ${preview(path)}.`);
    const fileNumber = validationFileNumber(path);
    if (fileNumber === null) throw new ImportError(file, where, `${preview(path)} does not end with a validation file name.`);
    seen.add(fileNumber, where);
    return fileNumber;
  });
}
