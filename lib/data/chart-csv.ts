import "server-only";
import { type CsvCell, toCsv } from "@/lib/csv/csv";
import { getClassNames, getClassReport, getConfusion, getOverlap, getThroughput, listAnalyticsSources, readAnalyticsQuery } from "@/lib/data/analytics";
import { getDatasetId } from "@/lib/data/datasets";
import { getEvaluationTable } from "@/lib/data/evaluation";
import { DUPLICATE_PROTOCOLS } from "@/lib/evaluation/duplicate-protocols";

/** The data behind each chart on the evaluation and analytics pages, as CSV (same reads, same URL state). */
export const CHARTS = ["evaluation", "ranks", "overlap", "classes", "confusion", "throughput", "burn-down"] as const;
export type Chart = (typeof CHARTS)[number];

export function isChart(name: string): name is Chart {
  return (CHARTS as readonly string[]).includes(name);
}

export async function chartCsv(chart: Chart, datasetSlug: string, params: Record<string, string | undefined>): Promise<string | null> {
  const datasetId = await getDatasetId(datasetSlug);
  if (datasetId === null) return null;
  const [header, rows] = await chartRows(chart, datasetSlug, datasetId, params);
  return toCsv(header, rows);
}

async function chartRows(chart: Chart, datasetSlug: string, datasetId: number, params: Record<string, string | undefined>): Promise<[string[], CsvCell[][]]> {
  const query = () => listAnalyticsSources(datasetId).then((sources) => readAnalyticsQuery(params, sources));
  switch (chart) {
    case "evaluation": {
      const models = (await getEvaluationTable(datasetSlug))?.models ?? [];
      const header = ["model", "protocol", "top1_pct", "top5_pct", "images", "left_out", "merged_top1_pct", "problematic_groups_top1_pct", "problematic_groups_images", "other_images_top1_pct", "other_images_images", ...DUPLICATE_PROTOCOLS.map((d) => `without_${d}_duplicates_top1_pct`)];
      return [header, models.flatMap((m) => Object.values(m.protocols).map((p) => [m.model, p.protocol, p.top1, p.top5, p.images, p.leftOut, p.merged.top1, p.problematicGroups.top1, p.problematicGroups.images, p.otherImages.top1, p.otherImages.images, ...DUPLICATE_PROTOCOLS.map((d) => p.duplicatesRemoved?.[d].top1)]))];
    }
    case "ranks": {
      const ranks = (await getEvaluationTable(datasetSlug))?.ranks ?? {};
      return [["protocol", "model", "rank"], Object.entries(ranks).flatMap(([protocol, byModel]) => Object.entries(byModel).map(([model, rank]) => [protocol, model, rank]))];
    }
    case "overlap": {
      const overlap = await getOverlap(datasetSlug);
      if (!overlap) return [["measure", "images", "pct"], []];
      return [
        ["measure", "images", "pct"],
        [
          ...overlap.studies.map((s) => [`covered by ${s.name}`, s.imagesCovered, null]),
          ...overlap.coveredBy.map((c) => [`covered by exactly ${c.studies}`, c.images, null]),
          ["covered by 2 or more", overlap.atLeast2, overlap.atLeast2Pct],
          ["identical as sets", overlap.asSets.identical, overlap.asSets.identicalPctOfCovered],
          ["identical as strings", overlap.asStrings.identical, overlap.asStrings.identicalPctOfCovered],
          ["original confirmed among identical sets", overlap.asSets.originalConfirmed, overlap.asSets.originalConfirmedPct],
          ["original confirmed among identical strings", overlap.asStrings.originalConfirmed, overlap.asStrings.originalConfirmedPct],
        ],
      ];
    }
    case "classes": {
      const q = await query();
      const [rows, names] = await Promise.all([getClassReport(datasetId, q.source, q.classes), getClassNames()]);
      const header = ["class", "name", "images", "confirmed", "confirmed_pct", "became_other", "multilabel", "ambiguous", "not_in_imagenet", "unusable"];
      const list = (counts: Record<string, number>, label: (k: string) => string) => Object.entries(counts).map(([k, n]) => `${label(k)}: ${n}`).join("; ");
      return [header, rows.map((r) => [r.class, names.get(r.class), r.images, r.confirmed, r.confirmedPct, list(r.becameOther, (k) => `${k} ${names.get(Number(k)) ?? ""}`), r.multilabel, r.ambiguous, list(r.notInImagenet, (k) => k), r.unusable])];
    }
    case "confusion": {
      const q = await query();
      const [matrix, names] = await Promise.all([getConfusion(datasetId, q.confusionSource, q.confusionClasses), getClassNames()]);
      return [["original_class", "original_name", "column", "count", "row_pct"], (matrix?.rows ?? []).flatMap((r) => matrix!.columns.map((c) => [r.class, names.get(r.class), c, r.counts[c], r.percents[c]]))];
    }
    case "throughput": {
      const campaigns = await getThroughput(datasetId);
      return [["campaign", "annotator", "decisions", "images_per_hour", "median_seconds"], campaigns.flatMap((c) => c.annotators.map((a) => [c.name, a.name, a.decisions, a.imagesPerHour, a.medianSeconds]))];
    }
    case "burn-down": {
      const campaigns = await getThroughput(datasetId);
      return [["campaign", "at", "remaining_images"], campaigns.flatMap((c) => c.burnDown.map((p) => [c.name, p.at, p.remaining]))];
    }
  }
}
