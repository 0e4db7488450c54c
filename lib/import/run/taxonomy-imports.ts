import path from "node:path";
import { ImportError } from "@/lib/import/import-error";
import { loadClassIndex, replaceClassGroups, setClassNames, upsertClasses } from "@/lib/import/load/catalog";
import { parseClassClusters } from "@/lib/import/parsers/class-clusters";
import { parseClassInfo, parseClassNameList, parseModifiedClassNames, parseSynsetMapping } from "@/lib/import/parsers/taxonomy";
import { type ImportContext, type ImportSummary, readText, transaction } from "@/lib/import/run/context";

/** class_info.json (WordNet lemmas and glosses) or LOC_synset_mapping.txt. */
export async function importClasses(ctx: ImportContext, file: string): Promise<ImportSummary> {
  const text = await readText(file);
  const classes = file.endsWith(".txt") ? parseSynsetMapping(text, file) : parseClassInfo(text, file);
  await transaction(ctx, (client) => upsertClasses(client, classes));
  return { kind: "classes", file, stored: classes.length };
}

export async function importClassNames(ctx: ImportContext, file: string, variant: "openai" | "modified"): Promise<ImportSummary> {
  const text = await readText(file);
  const names = variant === "openai" ? parseClassNameList(text, file) : parseModifiedClassNames(text, file);
  await transaction(ctx, async (client) => {
    await requireTaxonomy(client, file);
    await setClassNames(client, variant === "openai" ? "openai_name" : "modified_name", names);
  });
  return { kind: `${variant}-names`, file, stored: names.length };
}

export async function importClassClusters(ctx: ImportContext, file: string): Promise<ImportSummary> {
  const groups = parseClassClusters(await readText(file), file);
  await transaction(ctx, async (client) => {
    await requireTaxonomy(client, file);
    await replaceClassGroups(client, path.basename(file), groups);
  });
  return { kind: "class-clusters", file, stored: groups.length };
}

export async function requireTaxonomy(client: Parameters<typeof loadClassIndex>[0], file: string): Promise<Map<string, number>> {
  const index = await loadClassIndex(client);
  if (index.size === 0) throw new ImportError(file, null, "Import the class list (class_info.json) first.");
  return index;
}
