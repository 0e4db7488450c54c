import type { AgreementReport } from "@/lib/agreement/campaign-report";
/** A table cell: text or a figure (null: undefined); every one is also a CSV cell. */
export type TableCell = string | number | null;
import type { AgreementTableName } from "@/lib/validation/agreement";

export interface ReportTable {
  name: AgreementTableName;
  title: string;
  /** What the figures are, named for the reader (formula and what it runs over). */
  formula: string;
  columns: string[];
  /** Per column: text, a count, or a statistic (shown with three decimals, 1 as 1.000). */
  kinds: ColumnKind[];
  rows: TableCell[][];
}

export type ColumnKind = "text" | "count" | "figure";

/** The formulas, named once: the page shows them beside each figure and the CSVs carry them. */
export const FORMULAS = {
  percentAgreement: "Pairwise percent agreement: mean over images with ≥ 2 decisions of the share of agreeing decision pairs (whole outcomes).",
  cohen: "Cohen's κ = (p_o − p_e) / (1 − p_e) per annotator pair, on the images both labeled; the mean over pairs is Light's κ.",
  fleiss: "Fleiss' κ = (P̄ − P̄_e) / (1 − P̄_e) over the images with exactly k decisions (k = annotators per image).",
  krippendorff:
    "Krippendorff's α = 1 − D_o / D_e from the coincidence matrix (Krippendorff 2011), every image with ≥ 2 decisions; nominal on whole outcomes, MASI (Passonneau 2006) and Jaccard distances on label sets.",
  perClass:
    "Per class (and class group): each decision has it or not. Agreement: pairwise present/absent agreement on the images where any decision has it. κ: Fleiss' κ on present/absent over every image with ≥ 2 decisions.",
  vsReference:
    "Cohen's κ of the annotator against the consensus (agreed or resolved images, whole outcomes) and against each prior study as one more rater (ImageNet class sets; none fit = no class, no consensus = ambiguous, problematic images left out).",
} as const;

export function reportTable(report: AgreementReport, name: AgreementTableName, sourceTitles: Record<string, string>): ReportTable {
  switch (name) {
    case "summary":
      return {
        name,
        title: "Summary",
        formula: "Each statistic over the campaign's annotator decisions.",
        columns: ["statistic", "value", "over", "formula"],
        kinds: ["text", "figure", "text", "text"],
        rows: [
          ["Percent agreement (pairwise)", report.percentAgreement, `${report.images} images`, FORMULAS.percentAgreement],
          ["Cohen's κ, mean of pairs (Light's κ)", report.cohenKappa.mean, `${report.cohenKappa.pairs.length} pairs`, FORMULAS.cohen],
          [`Fleiss' κ (k = ${report.fleissKappa.k})`, report.fleissKappa.kappa, `${report.fleissKappa.n} images`, FORMULAS.fleiss],
          ["Krippendorff's α, nominal", report.krippendorffAlpha.nominal, `${report.krippendorffAlpha.n} values`, FORMULAS.krippendorff],
          ["Krippendorff's α, MASI", report.krippendorffAlpha.masi, `${report.krippendorffAlpha.n} values`, FORMULAS.krippendorff],
          ["Krippendorff's α, Jaccard", report.krippendorffAlpha.jaccard, `${report.krippendorffAlpha.n} values`, FORMULAS.krippendorff],
        ],
      };
    case "pairs":
      return {
        name,
        title: "Annotator pairs",
        formula: FORMULAS.cohen,
        columns: ["annotator a", "annotator b", "images both labeled", "percent agreement", "Cohen's κ"],
        kinds: ["text", "text", "count", "figure", "figure"],
        rows: report.cohenKappa.pairs.map((pair) => [pair.a, pair.b, pair.n, pair.agreement, pair.kappa]),
      };
    case "classes":
      return {
        name,
        title: "Per class and class group",
        formula: FORMULAS.perClass,
        columns: ["kind", "id", "label", "classes", "images with it", "decisions with it", "agreement", "Fleiss' κ"],
        kinds: ["text", "count", "text", "text", "count", "count", "figure", "figure"],
        rows: report.perClass.map((row) => [row.kind, row.id, row.label, row.classes.join(" "), row.images, row.decisions, row.agreement, row.kappa]),
      };
    case "annotators": {
      const sources = Object.keys(sourceTitles);
      return {
        name,
        title: "Annotators against the consensus and the prior studies",
        formula: FORMULAS.vsReference,
        columns: [
          "annotator",
          "decisions",
          "vs consensus: images",
          "vs consensus: agreement",
          "vs consensus: κ",
          ...sources.flatMap((source) => [`vs ${source}: images`, `vs ${source}: agreement`, `vs ${source}: κ`]),
        ],
        kinds: ["text", "count", "count", "figure", "figure", ...sources.flatMap(() => ["count", "figure", "figure"] as const)],
        rows: report.perAnnotator.map((row) => [
          row.annotator,
          row.n,
          row.vsConsensus?.n ?? null,
          row.vsConsensus?.agreement ?? null,
          row.vsConsensus?.kappa ?? null,
          ...sources.flatMap((source) => {
            const versus = row.vsSources[source];
            return [versus?.n ?? 0, versus?.agreement ?? null, versus?.kappa ?? null];
          }),
        ]),
      };
    }
  }
}
