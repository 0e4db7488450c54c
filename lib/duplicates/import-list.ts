/**
 * Duplicate lists made elsewhere: a CSV of `group,file` (one row per member) or of pairs
 * `file_a,file_b,kind`. The whole file is checked before anything is written, and it is stored in
 * one transaction: a list with one unknown file changes nothing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { requireDatasetId } from "@/lib/datasets";
import type { Db } from "@/lib/db";
import { ExpectedError } from "@/lib/errors";
import { ImportError } from "@/lib/import/import-error";
import { readCsv } from "@/lib/import/parsers/csv-input";

export interface ImportedList {
  groups: { label: string; files: string[]; line: number }[];
  format: "groups" | "pairs";
}

/** Parses either layout by its header; rows keep their line numbers for error messages. */
export function parseDuplicateList(text: string, file: string): ImportedList {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0]!.split(",").map((name) => name.trim());
  if (header[0] === "group" && header[1] === "file") {
    const table = readCsv(text, file, ["group", "file"]);
    const byLabel = new Map<string, { label: string; files: string[]; line: number }>();
    for (const row of table.rows) {
      const [label, member] = [row.values[table.column.get("group")!]!.trim(), row.values[table.column.get("file")!]!.trim()];
      if (!label || !member) throw new ImportError(file, `line ${row.line}`, "Each row names a group and a file.");
      const group = byLabel.get(label) ?? { label, files: [], line: row.line };
      if (!group.files.includes(member)) group.files.push(member);
      byLabel.set(label, group);
    }
    return { format: "groups", groups: [...byLabel.values()] };
  }
  if (header[0] === "file_a" && header[1] === "file_b") {
    const table = readCsv(text, file, ["file_a", "file_b"]);
    const kind = table.column.get("kind");
    return {
      format: "pairs",
      groups: table.rows.map((row) => {
        const [a, b] = [row.values[table.column.get("file_a")!]!.trim(), row.values[table.column.get("file_b")!]!.trim()];
        if (!a || !b || a === b) throw new ImportError(file, `line ${row.line}`, "Each pair names two different files.");
        return { label: kind === undefined ? "" : row.values[kind]!.trim(), files: [a, b], line: row.line };
      }),
    };
  }
  throw new ImportError(file, "line 1", "Expected a header of `group,file` or `file_a,file_b,kind`.");
}

/** Stores a parsed list as imported groups of a dataset; returns the number of groups. */
export async function storeDuplicateList(db: Db, params: { dataset: string; origin: string; list: ImportedList; file: string }) {
  const datasetId = await requireDatasetId(db, params.dataset);
  const names = [...new Set(params.list.groups.flatMap((group) => group.files))];
  const images = await db.image.findMany({ where: { datasetId, fileKey: { in: names } }, select: { id: true, fileKey: true } });
  const idOf = new Map(images.map((image) => [image.fileKey, image.id]));
  for (const group of params.list.groups) {
    const unknown = group.files.find((name) => !idOf.has(name));
    if (unknown) throw new ImportError(params.file, `line ${group.line}`, `No image "${unknown}" in the dataset "${params.dataset}".`);
  }
  const groups = params.list.groups.filter((group) => group.files.length >= 2);
  if (groups.length === 0) throw new ExpectedError(`${params.file}: no group with two or more files.`);
  await db.$transaction(async (tx) => {
    for (const group of groups) {
      await tx.duplicateGroup.create({
        data: {
          datasetId,
          kind: "imported",
          origin: group.label && params.list.format === "pairs" ? `${params.origin} (${group.label})` : params.origin,
          members: { create: group.files.map((name) => ({ imageId: idOf.get(name)! })) },
        },
      });
    }
  }, { timeout: 120_000 });
  return groups.length;
}

export async function importDuplicateList(db: Db, params: { dataset: string; file: string }): Promise<number> {
  let text: string;
  try {
    text = await readFile(params.file, "utf8");
  } catch {
    throw new ImportError(params.file, null, "No such file, or it cannot be read.");
  }
  const list = parseDuplicateList(text, params.file);
  return storeDuplicateList(db, { dataset: params.dataset, origin: path.basename(params.file), list, file: params.file });
}
