import "server-only";
import { cache } from "react";
import { classConfirmation, type ClassConfirmation, groupConfirmation, type GroupConfirmation } from "@/lib/analytics/class-confirmation";
import { type ConfusionMatrix, confusionMatrix } from "@/lib/analytics/confusion";
import { getCampaignThroughput, type CampaignThroughput } from "@/lib/analytics/load-throughput";
import { loadVerdicts } from "@/lib/analytics/load-verdicts";
import { getStudyOverlap, type StudyOverlapReport } from "@/lib/analytics/study-overlap";
import { db } from "@/lib/db";
import { classListSchema } from "@/lib/validation/evaluation";

/** The weasel family of the blog's table, and the cats of its confusion example. */
export const DEFAULT_REPORT_CLASSES = [356, 357, 358, 359];
export const DEFAULT_CONFUSION_CLASSES = [281, 282, 292];

export interface AnalyticsQuery {
  source: string;
  classes: number[];
  confusionSource: string;
  confusionClasses: number[];
}

export interface SourceOption {
  name: string;
  title: string;
}

/** Sources an analytics page can pick: every label source, campaign consensus, dataset-wide consensus. */
export const listAnalyticsSources = cache(async (datasetId: number): Promise<SourceOption[]> => {
  const [sources, campaigns, datasetWide] = await Promise.all([
    db.labelSource.findMany({ where: { datasetId, kind: { not: "ORIGINAL" } }, select: { name: true, title: true }, orderBy: [{ kind: "asc" }, { name: "asc" }] }),
    db.campaign.findMany({ where: { datasetId, consensus: { some: {} } }, select: { id: true, name: true } }),
    db.consensus.count({ where: { campaignId: null, image: { datasetId } } }),
  ]);
  return [
    ...sources,
    ...(datasetWide > 0 ? [{ name: "consensus:dataset", title: "Relabel consensus (dataset-wide)" }] : []),
    ...campaigns.map((c) => ({ name: `campaign:${c.id}`, title: `Consensus of campaign “${c.name}”` })),
  ];
});

/** Reads the page's URL state; anything unparsable falls back to the defaults rather than failing the page. */
export function readAnalyticsQuery(params: Record<string, string | string[] | undefined>, sources: SourceOption[]): AnalyticsQuery {
  const one = (key: string) => (typeof params[key] === "string" ? (params[key] as string) : undefined);
  const known = (name: string | undefined, fallback: string) => (name && sources.some((s) => s.name === name) ? name : fallback);
  const classes = (text: string | undefined, fallback: number[]) => {
    const parsed = text === undefined ? null : classListSchema.safeParse(text);
    return parsed?.success ? parsed.data : fallback;
  };
  const first = (preferred: string[]) => preferred.find((name) => sources.some((s) => s.name === name)) ?? sources[0]?.name ?? "";
  return {
    source: known(one("source"), first(["flaws-weasel-experts", "real"])),
    classes: classes(one("classes"), DEFAULT_REPORT_CLASSES),
    confusionSource: known(one("csource"), first(["model:resnet50", "real"])),
    confusionClasses: classes(one("cclasses"), DEFAULT_CONFUSION_CLASSES),
  };
}

export const getOverlap = cache((datasetSlug: string): Promise<StudyOverlapReport | null> => getStudyOverlap(db, datasetSlug));

export const getClassReport = cache(async (datasetId: number, source: string, classes: number[]): Promise<ClassConfirmation[]> => {
  if (!source) return [];
  return classConfirmation(await loadVerdicts(db, datasetId, source, classes), classes);
});

export const getGroupReport = cache(async (datasetId: number, source: string): Promise<GroupConfirmation[]> => {
  if (!source) return [];
  const [rows, groups] = await Promise.all([
    loadVerdicts(db, datasetId, source).then((verdicts) => classConfirmation(verdicts)),
    db.classGroup.findMany({ select: { id: true, codes: true, members: { select: { classIndex: true } } }, orderBy: { id: "asc" } }),
  ]);
  return groupConfirmation(rows, groups.map((g) => ({ id: g.id, codes: g.codes, classes: g.members.map((m) => m.classIndex) }))).filter((g) => g.images > 0);
});

export const getConfusion = cache(async (datasetId: number, source: string, classes: number[]): Promise<ConfusionMatrix | null> => {
  if (!source) return null;
  return confusionMatrix(await loadVerdicts(db, datasetId, source, classes), classes);
});

export const getThroughput = cache((datasetId: number): Promise<CampaignThroughput[]> => getCampaignThroughput(db, datasetId));

export const getClassNames = cache(async (): Promise<Map<number, string>> => {
  const classes = await db.imageClass.findMany({ select: { index: true, lemmas: true, wnid: true } });
  return new Map(classes.map((c) => [c.index, c.lemmas[0] ?? c.wnid]));
});

