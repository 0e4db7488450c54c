import { outcomeItems, type DecisionOutcome } from "@/lib/decisions/outcome";
import { ambiguousOutcome, type ComputedConsensus, pairwiseAgreement, statusOf } from "@/lib/consensus/rules";

export interface LabeledImage<I = number> {
  imageId: I;
  decisions: { annotator: number; outcome: DecisionOutcome }[];
}

export interface AnnotatorReliability {
  /** P(annotator includes an item | it is present). */
  sensitivity: number;
  /** P(annotator leaves an item out | it is absent). */
  specificity: number;
}

export interface DawidSkeneResult<I = number> {
  /** Per image, the posterior that each item (class, "ambiguous", "outside:…") is present. */
  posteriors: Map<I, Record<string, number>>;
  annotators: Map<number, AnnotatorReliability>;
  /** P(an item named by someone on an image is present), estimated. */
  prior: number;
  iterations: number;
}

const EPSILON = 1e-6;
const clamp = (p: number) => Math.min(1 - EPSILON, Math.max(EPSILON, p));

/**
 * Dawid & Skene (1979) EM, applied per item as present/absent (as ReaL did per class): each
 * annotator has one sensitivity and one specificity. The items of an image are those any of its
 * annotators named; an annotator who labeled the image and left an item out voted "absent".
 * Starts from the vote share (majority) and alternates M (reliabilities from posteriors, with a
 * Beta(1,1) prior so that no estimate is exactly 0 or 1) and E (posteriors from reliabilities).
 */
export function dawidSkene<I>(images: readonly LabeledImage<I>[], options: { maxIterations?: number; tolerance?: number } = {}): DawidSkeneResult<I> {
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;

  // One row per (image, item): who said present, who said absent.
  const cells = images.flatMap((image) => {
    const votes = image.decisions.map((d) => ({ annotator: d.annotator, items: new Set(outcomeItems(d.outcome)) }));
    const items = [...new Set(votes.flatMap((v) => [...v.items]))];
    return items.map((item) => ({
      imageId: image.imageId,
      item,
      votes: votes.map((v) => ({ annotator: v.annotator, present: v.items.has(item) })),
    }));
  });
  let truth = cells.map((cell) => cell.votes.filter((v) => v.present).length / cell.votes.length);
  let annotators = new Map<number, AnnotatorReliability>();
  let prior = 0.5;
  let iterations = 0;

  for (; iterations < maxIterations; iterations++) {
    // M step
    const tally = new Map<number, { tp: number; present: number; tn: number; absent: number }>();
    cells.forEach((cell, i) => {
      const t = truth[i]!;
      for (const vote of cell.votes) {
        const entry = tally.get(vote.annotator) ?? { tp: 0, present: 0, tn: 0, absent: 0 };
        entry.present += t;
        entry.absent += 1 - t;
        if (vote.present) entry.tp += t;
        else entry.tn += 1 - t;
        tally.set(vote.annotator, entry);
      }
    });
    annotators = new Map(
      [...tally].map(([id, t]) => [id, { sensitivity: (t.tp + 1) / (t.present + 2), specificity: (t.tn + 1) / (t.absent + 2) }]),
    );
    prior = clamp(truth.reduce((sum, t) => sum + t, 0) / Math.max(1, truth.length));

    // E step
    const next = cells.map((cell) => {
      let present = Math.log(prior);
      let absent = Math.log(1 - prior);
      for (const vote of cell.votes) {
        const r = annotators.get(vote.annotator)!;
        present += Math.log(clamp(vote.present ? r.sensitivity : 1 - r.sensitivity));
        absent += Math.log(clamp(vote.present ? 1 - r.specificity : r.specificity));
      }
      return 1 / (1 + Math.exp(absent - present));
    });
    const change = next.reduce((max, t, i) => Math.max(max, Math.abs(t - truth[i]!)), 0);
    truth = next;
    if (change < tolerance) {
      iterations += 1;
      break;
    }
  }

  const posteriors = new Map<I, Record<string, number>>();
  cells.forEach((cell, i) => {
    const entry = posteriors.get(cell.imageId) ?? {};
    entry[cell.item] = truth[i]!;
    posteriors.set(cell.imageId, entry);
  });
  return { posteriors, annotators, prior, iterations };
}

/** The items whose posterior is at least one half, as an outcome; null when none is. */
export function outcomeFromPosterior(posterior: Record<string, number>, decisions: readonly DecisionOutcome[]): DecisionOutcome | null {
  const present = Object.entries(posterior).filter(([, p]) => p >= 0.5).map(([item]) => item);
  if (present.length === 0) return null;
  const classes = present.filter((item) => /^\d+$/.test(item)).map(Number);
  const outside = present.filter((item) => item.startsWith("outside:")).map((item) => item.slice("outside:".length));
  return ambiguousOutcome(classes, present.includes("ambiguous") ? decisions : [], outside, Math.floor(decisions.length / 2) + 1);
}

/** Dawid–Skene consensus for every image of a campaign at once (the estimate needs all of them). */
export function dawidSkeneConsensus<I>(images: readonly LabeledImage<I>[], required: number): Map<I, ComputedConsensus> {
  const complete = images.filter((image) => image.decisions.length >= required && image.decisions.length > 0);
  const { posteriors } = dawidSkene(complete);
  return new Map(
    images.map((image) => {
      const outcomes = image.decisions.map((d) => d.outcome);
      const posterior = posteriors.get(image.imageId) ?? null;
      const ruleOutcome = posterior ? outcomeFromPosterior(posterior, outcomes) : null;
      const status = statusOf(outcomes.length, required, ruleOutcome);
      const rounded = posterior ? Object.fromEntries(Object.entries(posterior).map(([item, p]) => [item, Math.round(p * 1e4) / 1e4])) : null;
      return [
        image.imageId,
        { status, outcome: status === "AGREED" ? ruleOutcome : null, method: "dawid-skene", decisionCount: outcomes.length, agreement: pairwiseAgreement(outcomes), posterior: rounded },
      ];
    }),
  );
}
