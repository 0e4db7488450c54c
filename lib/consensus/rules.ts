import { jaccardDistance } from "@/lib/agreement/set-distances";
import { outcomeItems, outcomeKey, type DecisionOutcome } from "@/lib/decisions/outcome";
import type { AmbiguityReason, ConsensusRule, ConsensusStatus } from "@/lib/generated/prisma/enums";

/** The statuses a rule can compute; RESOLVED and EXCLUDED come only from a reviewer. */
export type ComputedStatus = Extract<ConsensusStatus, "UNLABELED" | "IN_PROGRESS" | "AGREED" | "DISAGREED">;

export interface ComputedConsensus {
  status: ComputedStatus;
  /** The consensus outcome when AGREED, else null. */
  outcome: DecisionOutcome | null;
  /** "unanimous", "majority:2", "dawid-skene". */
  method: string;
  decisionCount: number;
  agreement: number | null;
  posterior: Record<string, number> | null;
}

/** A quorum below 1 or above the decision count cannot be met meaningfully; null means more than half. */
export function effectiveQuorum(quorum: number | null, decisions: number): number {
  return quorum ?? Math.floor(decisions / 2) + 1;
}

export function methodName(rule: ConsensusRule, quorum: number | null): string {
  if (rule === "UNANIMOUS") return "unanimous";
  if (rule === "DAWID_SKENE") return "dawid-skene";
  return quorum === null ? "majority" : `majority:${quorum}`;
}

/** 1 − mean pairwise Jaccard distance of the decisions' outcome items; null below two decisions. */
export function pairwiseAgreement(outcomes: readonly DecisionOutcome[]): number | null {
  if (outcomes.length < 2) return null;
  const items = outcomes.map(outcomeItems);
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      total += jaccardDistance(items[i]!, items[j]!);
      pairs += 1;
    }
  }
  return 1 - total / pairs;
}

/** Every decision has the same outcome (same classes, markers and outside labels). */
export function unanimous(outcomes: readonly DecisionOutcome[]): DecisionOutcome | null {
  const first = outcomes[0];
  if (!first) return null;
  const key = outcomeKey(first);
  if (!outcomes.every((outcome) => outcomeKey(outcome) === key)) return null;
  return ambiguousOutcome(first.classes, outcomes, first.outsideLabels, outcomes.length);
}

/**
 * Each item (a class, "ambiguous", an outside label) is in the consensus when at least `quorum`
 * decisions include it; null when no item reaches it.
 */
export function majority(outcomes: readonly DecisionOutcome[], quorum: number | null): DecisionOutcome | null {
  if (outcomes.length === 0) return null;
  const q = effectiveQuorum(quorum, outcomes.length);
  const classes = [...countOf(outcomes.flatMap((o) => o.classes))].filter(([, n]) => n >= q).map(([c]) => c);
  const outside = [...countOf(outcomes.flatMap((o) => o.outsideLabels))].filter(([, n]) => n >= q).map(([label]) => label);
  const ambiguousVotes = outcomes.filter((o) => o.ambiguity !== null).length;
  const result = ambiguousOutcome(classes, ambiguousVotes >= q ? outcomes : [], outside, q);
  return isEmptyOutcome(result) ? null : result;
}

/**
 * Builds an outcome from chosen classes and outside labels; when `ambiguousFrom` holds ambiguous
 * decisions, the outcome is ambiguous with their most frequent reason and the candidates at least
 * `quorum` of them name (all their candidates when none reaches it).
 */
export function ambiguousOutcome(
  classes: readonly number[],
  ambiguousFrom: readonly DecisionOutcome[],
  outsideLabels: readonly string[],
  quorum: number,
): DecisionOutcome {
  const ambiguous = ambiguousFrom.filter((o) => o.ambiguity !== null);
  const base = { classes: [...classes].sort((a, b) => a - b), outsideLabels: [...outsideLabels].sort() };
  if (ambiguous.length === 0) return { ...base, ambiguity: null, candidateClasses: [] };
  const reasons = [...countOf(ambiguous.map((o) => o.ambiguity as AmbiguityReason))].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const candidateCounts = [...countOf(ambiguous.flatMap((o) => o.candidateClasses))];
  const agreed = candidateCounts.filter(([, n]) => n >= Math.min(quorum, ambiguous.length)).map(([c]) => c);
  const candidates = agreed.length > 0 ? agreed : candidateCounts.map(([c]) => c);
  return { ...base, ambiguity: reasons[0]![0], candidateClasses: candidates.sort((a, b) => a - b) };
}

export function isEmptyOutcome(outcome: DecisionOutcome): boolean {
  return outcome.classes.length === 0 && outcome.ambiguity === null && outcome.outsideLabels.length === 0;
}

/**
 * An image's computed status: no decision → unlabeled; fewer than the campaign's k → in progress;
 * the rule yields an outcome → agreed; otherwise disagreed. `ruleOutcome` is what the rule found
 * (for Dawid–Skene it comes from the campaign-wide estimate).
 */
export function statusOf(decisionCount: number, required: number, ruleOutcome: DecisionOutcome | null): ComputedStatus {
  if (decisionCount === 0) return "UNLABELED";
  if (decisionCount < required) return "IN_PROGRESS";
  return ruleOutcome ? "AGREED" : "DISAGREED";
}

/** Unanimous or majority consensus of one image's decisions (Dawid–Skene needs the whole campaign: see dawid-skene.ts). */
export function computeConsensus(
  outcomes: readonly DecisionOutcome[],
  options: { rule: Exclude<ConsensusRule, "DAWID_SKENE">; quorum: number | null; required: number },
): ComputedConsensus {
  const ruleOutcome = options.rule === "UNANIMOUS" ? unanimous(outcomes) : majority(outcomes, options.quorum);
  const status = statusOf(outcomes.length, options.required, ruleOutcome);
  return {
    status,
    outcome: status === "AGREED" ? ruleOutcome : null,
    method: methodName(options.rule, options.quorum),
    decisionCount: outcomes.length,
    agreement: pairwiseAgreement(outcomes),
    posterior: null,
  };
}

export function countOf<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Same outcome, compared as sets (the order of classes or labels does not matter). */
export function sameOutcome(a: DecisionOutcome | null, b: DecisionOutcome | null): boolean {
  if (a === null || b === null) return a === b;
  return outcomeKey(a) === outcomeKey(b) && a.ambiguity === b.ambiguity && [...a.candidateClasses].sort().join() === [...b.candidateClasses].sort().join();
}
