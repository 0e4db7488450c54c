import path from "node:path";
import type { ExpertDecisionRecord, HintRecord, VerdictRecord } from "@/lib/import/records";
import { replaceExpertDecisions, replaceHints, replaceVerdicts, type SourceSpec } from "@/lib/import/load/sources";
import { parseCleanValidationCsv, parseFlawsCsv } from "@/lib/import/parsers/flaws-csv";
import { parseMistakes } from "@/lib/import/parsers/mistakes";
import { parseMultilabelCsv } from "@/lib/import/parsers/multilabel";
import { parseNorthcuttMturk, type VoteRule } from "@/lib/import/parsers/northcutt";
import { parseWeaselExpertFile } from "@/lib/import/parsers/weasel-experts";
import { KNOWN_SOURCES } from "@/lib/import/source-catalog";
import { type ImportContext, type ImportSummary, readText, writeToDataset } from "@/lib/import/run/context";

async function storeVerdicts(ctx: ImportContext, kind: string, file: string, spec: SourceSpec, records: VerdictRecord[]): Promise<ImportSummary> {
  const counts = await writeToDataset(ctx, file, (client, datasetId) => replaceVerdicts(client, datasetId, spec, records));
  return { kind, file, source: spec.name, stored: counts.stored, notInDataset: counts.notInDataset };
}

/**
 * Northcutt et al.'s MTurk votes. The outcome depends on a rule: "majority" (≥3 of 5 workers, as
 * in the paper) or "unanimous" (5 of 5, as the "Flaws of ImageNet" authors used). The votes are
 * kept either way, so the rule can be changed by re-importing.
 */
export async function importNorthcutt(ctx: ImportContext, file: string, rule: VoteRule = "majority"): Promise<ImportSummary> {
  const records = parseNorthcuttMturk(await readText(file), file, rule);
  return storeVerdicts(ctx, "northcutt", file, { ...KNOWN_SOURCES.northcutt, options: { rule } }, records);
}

export async function importMultilabel(ctx: ImportContext, file: string): Promise<ImportSummary> {
  return storeVerdicts(ctx, "multilabel", file, KNOWN_SOURCES.multilabel, parseMultilabelCsv(await readText(file), file));
}

/** Tsipras et al. in the "Flaws of ImageNet" normalized form (`finegrained.csv`). */
export async function importTsipras(ctx: ImportContext, file: string): Promise<ImportSummary> {
  return storeVerdicts(ctx, "tsipras", file, KNOWN_SOURCES.tsipras, parseFlawsCsv(await readText(file), file));
}

export async function importCleanValidation(ctx: ImportContext, file: string): Promise<ImportSummary> {
  return storeVerdicts(ctx, "flaws-clean", file, KNOWN_SOURCES.flawsClean, parseCleanValidationCsv(await readText(file), file));
}

/** Any "Flaws of ImageNet" normalized CSV (`id, category, original_label, proposed_labels, manually_validated`) as a source of its own. */
export async function importFlawsCsv(ctx: ImportContext, file: string, name?: string): Promise<ImportSummary> {
  const base = path.basename(file, ".csv");
  const spec: SourceSpec = {
    name: name ?? `flaws:${base}`,
    kind: "STUDY",
    title: `Flaws of ImageNet normalized ${base}.csv`,
    citation: KNOWN_SOURCES.flawsClean.citation,
    url: KNOWN_SOURCES.flawsClean.url,
  };
  return storeVerdicts(ctx, "flaws-csv", file, spec, parseFlawsCsv(await readText(file), file));
}

/** Vasudevan et al.'s expert reading of a strong model's remaining mistakes, shown as hints. */
export async function importMistakes(ctx: ImportContext, file: string): Promise<ImportSummary> {
  const model = path.basename(file).replace(/_mistakes\.json$/, "").replace(/\.json$/, "");
  const spec: SourceSpec = {
    name: `mistakes:${model}`,
    kind: "EXPERT",
    title: `Vasudevan et al. 2022: ${model} mistakes`,
    citation: "Vasudevan, Caine, Gontijo-Lopes, Fridovich-Keil, Roelofs. When does dough become a bagel? Analyzing the remaining mistakes on ImageNet. NeurIPS 2022",
    url: "https://github.com/google-research/imagenet-mistakes",
  };
  const records: HintRecord[] = parseMistakes(await readText(file), file);
  const counts = await writeToDataset(ctx, file, (client, datasetId) => replaceHints(client, datasetId, spec, records));
  return { kind: "mistakes", file, source: spec.name, stored: counts.stored, notInDataset: counts.notInDataset };
}

/**
 * The weasel-family expert file, as decisions of an external expert. In that file `new_label: 359`
 * means *domestic ferret* (the "ferret" lemma of synset 359), which the parser turns into the
 * label "domestic ferret" outside ImageNet rather than class 359 (black-footed ferret).
 */
export async function importWeaselExperts(ctx: ImportContext, file: string): Promise<ImportSummary> {
  const records: ExpertDecisionRecord[] = parseWeaselExpertFile(await readText(file), file);
  const spec = KNOWN_SOURCES.weaselExperts;
  const counts = await writeToDataset(ctx, file, (client, datasetId) => replaceExpertDecisions(client, datasetId, spec, records));
  return { kind: "experts", file, source: spec.name, stored: counts.stored, notInDataset: counts.notInDataset };
}
