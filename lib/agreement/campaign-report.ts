import { krippendorffAlpha, nominalDistance } from "@/lib/agreement/krippendorff";
import { cohenKappa, fleissKappa, percentAgreement } from "@/lib/agreement/nominal";
import { classSetKey, OutcomeValues } from "@/lib/agreement/outcome-values";
import { type PresenceUnit, presenceAgreement } from "@/lib/agreement/presence";
import type { DecisionOutcome } from "@/lib/decisions/outcome";

export interface AnnotatorDecision {
  imageId: number;
  /** The annotator's email: stable across databases, unlike a user id. */
  annotator: string;
  outcome: DecisionOutcome;
}

export interface AgreementInput {
  campaign: number;
  annotatorsPerImage: number;
  decisions: readonly AnnotatorDecision[];
  /** Images whose consensus has an outcome (agreed or resolved). */
  consensus: ReadonlyMap<number, DecisionOutcome>;
  /** Prior studies by name; images without a usable verdict are absent. */
  sources: readonly { name: string; verdicts: ReadonlyMap<number, DecisionOutcome> }[];
  classNames: ReadonlyMap<number, string>;
  groups: readonly { id: number; classes: readonly number[] }[];
}

/** Agreement of one rater with a reference (the consensus, a study): Cohen's κ on the images both rated. */
export interface RaterComparison {
  n: number;
  agreement: number | null;
  kappa: number | null;
}

export interface PairAgreement extends RaterComparison {
  a: string;
  b: string;
}

export interface ClassAgreement {
  kind: "class" | "group";
  /** Class index, or class-group id. */
  id: number;
  label: string;
  classes: number[];
  /** Pairable images where at least one decision includes it, and the decisions that do. */
  images: number;
  decisions: number;
  agreement: number | null;
  kappa: number | null;
}

export interface AnnotatorAgreement {
  annotator: string;
  n: number;
  vsConsensus: RaterComparison | null;
  vsSources: Record<string, RaterComparison>;
}

export interface AgreementReport {
  campaign: number;
  /** Images with ≥ 2 decisions: the ones agreement is computed over. */
  images: number;
  /** Every annotator decision in the campaign, pairable or not. */
  decisions: number;
  annotators: string[];
  percentAgreement: number | null;
  cohenKappa: { mean: number | null; pairs: PairAgreement[] };
  fleissKappa: { k: number; n: number; kappa: number | null };
  krippendorffAlpha: { n: number; nominal: number | null; masi: number | null; jaccard: number | null };
  perClass: ClassAgreement[];
  perAnnotator: AnnotatorAgreement[];
}

/** Every statistic of a campaign in one pass over its decisions (grouped by image once). */
export function computeAgreementReport(input: AgreementInput): AgreementReport {
  const values = new OutcomeValues();
  const byImage = new Map<number, { annotator: string; key: string; outcome: DecisionOutcome }[]>();
  for (const decision of input.decisions) {
    const list = byImage.get(decision.imageId) ?? [];
    list.push({ annotator: decision.annotator, key: values.key(decision.outcome), outcome: decision.outcome });
    byImage.set(decision.imageId, list);
  }
  const pairable = [...byImage.values()].filter((list) => list.length >= 2);
  const units = pairable.map((list) => list.map((entry) => entry.key));
  const annotators = [...new Set(input.decisions.map((decision) => decision.annotator))].sort();

  const pairs = annotatorPairs(annotators, pairable);
  const kappas = pairs.map((pair) => pair.kappa).filter((kappa): kappa is number => kappa !== null);
  const nominal = krippendorffAlpha(units, nominalDistance, () => []);

  return {
    campaign: input.campaign,
    images: pairable.length,
    decisions: input.decisions.length,
    annotators,
    percentAgreement: percentAgreement(units).agreement,
    // Light's κ: the unweighted mean of the pairs' Cohen's κ.
    cohenKappa: { mean: kappas.length ? kappas.reduce((sum, kappa) => sum + kappa, 0) / kappas.length : null, pairs },
    fleissKappa: fleissKappa(units, input.annotatorsPerImage),
    krippendorffAlpha: {
      n: nominal.n,
      nominal: nominal.alpha,
      masi: krippendorffAlpha(units, values.masi, values.near).alpha,
      jaccard: krippendorffAlpha(units, values.jaccard, values.near).alpha,
    },
    perClass: classAgreement(pairable, input),
    perAnnotator: annotators.map((annotator) => annotatorAgreement(annotator, input, values)),
  };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function annotatorPairs(annotators: string[], pairable: { annotator: string; key: string }[][]): PairAgreement[] {
  const shared = new Map<string, [string, string][]>();
  for (const list of pairable) {
    for (const first of list) {
      for (const second of list) {
        if (first.annotator >= second.annotator) continue;
        append(shared, `${first.annotator}\n${second.annotator}`, [first.key, second.key] as [string, string]);
      }
    }
  }
  const pairs: PairAgreement[] = [];
  for (const [index, a] of annotators.entries()) {
    for (const b of annotators.slice(index + 1)) {
      const found = shared.get(`${a}\n${b}`);
      if (found) pairs.push({ a, b, ...cohenKappa(found) });
    }
  }
  return pairs;
}

function classAgreement(pairable: { outcome: DecisionOutcome }[][], input: AgreementInput): ClassAgreement[] {
  const totals = { units: pairable.length, decisions: pairable.reduce((sum, list) => sum + list.length, 0) };
  const groupsOf = new Map<number, number[]>();
  for (const group of input.groups) for (const index of group.classes) append(groupsOf, index, group.id);

  const perClass = new Map<number, PresenceUnit[]>();
  const perGroup = new Map<number, PresenceUnit[]>();
  for (const list of pairable) {
    const classCounts = new Map<number, number>();
    const groupCounts = new Map<number, number>();
    for (const { outcome } of list) {
      const groups = new Set<number>();
      for (const index of new Set(outcome.classes)) {
        classCounts.set(index, (classCounts.get(index) ?? 0) + 1);
        for (const group of groupsOf.get(index) ?? []) groups.add(group);
      }
      // A decision "has" a group when it names any of its classes, counted once per decision.
      for (const group of groups) groupCounts.set(group, (groupCounts.get(group) ?? 0) + 1);
    }
    for (const [index, present] of classCounts) append(perClass, index, { m: list.length, present });
    for (const [group, present] of groupCounts) append(perGroup, group, { m: list.length, present });
  }

  const label = (index: number) => input.classNames.get(index) ?? `class ${index}`;
  const rows: ClassAgreement[] = [
    ...[...perClass].map(([index, positives]) => ({ kind: "class" as const, id: index, label: label(index), classes: [index], ...presenceAgreement(positives, totals) })),
    ...input.groups
      .filter((group) => perGroup.has(group.id))
      .map((group) => ({
        kind: "group" as const,
        id: group.id,
        label: group.classes.map(label).join(" / "),
        classes: [...group.classes],
        ...presenceAgreement(perGroup.get(group.id)!, totals),
      })),
  ];
  return rows.sort((x, y) => y.images - x.images || (x.kind === y.kind ? x.id - y.id : x.kind === "class" ? -1 : 1));
}

function annotatorAgreement(annotator: string, input: AgreementInput, values: OutcomeValues): AnnotatorAgreement {
  const own = input.decisions.filter((decision) => decision.annotator === annotator);
  const versus = (reference: ReadonlyMap<number, DecisionOutcome>, key: (outcome: DecisionOutcome) => string): RaterComparison =>
    cohenKappa(own.flatMap((decision) => {
      const other = reference.get(decision.imageId);
      return other ? [[key(decision.outcome), key(other)] as [string, string]] : [];
    }));
  const nominalKey = (outcome: DecisionOutcome) => values.key(outcome);
  return {
    annotator,
    n: own.length,
    // No consensus row with an outcome yet (recomputation has not run): null, not a κ over nothing.
    vsConsensus: input.consensus.size ? versus(input.consensus, nominalKey) : null,
    vsSources: Object.fromEntries(input.sources.map((source) => [source.name, versus(source.verdicts, classSetKey)])),
  };
}
