/**
 * Agreement on one class (or one class group) read as present/absent in each decision.
 * Only units where some decision has it are passed in: every other pairable unit agrees
 * perfectly on "absent", and is accounted for by the totals.
 */
export interface PresenceUnit {
  /** Decisions on the unit (≥ 2). */
  m: number;
  /** Of them, those that include the class. */
  present: number;
}

export interface PresenceTotals {
  /** Pairable units (≥ 2 decisions) in the whole campaign. */
  units: number;
  /** Decisions on those units. */
  decisions: number;
}

export interface PresenceAgreement {
  /** Units where at least one decision includes it. */
  images: number;
  /** Decisions that include it. */
  decisions: number;
  /** Pairwise present/absent agreement over those units. */
  agreement: number | null;
  /** Fleiss' κ on present/absent over all pairable units (P_i with each unit's own m). */
  kappa: number | null;
}

const pairAgreement = ({ m, present }: PresenceUnit) => (present * (present - 1) + (m - present) * (m - present - 1)) / (m * (m - 1));

export function presenceAgreement(positives: readonly PresenceUnit[], totals: PresenceTotals): PresenceAgreement {
  const decisions = positives.reduce((sum, unit) => sum + unit.present, 0);
  const positiveSum = positives.reduce((sum, unit) => sum + pairAgreement(unit), 0);
  const agreement = positives.length ? positiveSum / positives.length : null;
  if (totals.units === 0) return { images: positives.length, decisions, agreement, kappa: null };
  const observed = (totals.units - positives.length + positiveSum) / totals.units;
  const p = decisions / totals.decisions;
  const expected = p * p + (1 - p) * (1 - p);
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { images: positives.length, decisions, agreement, kappa };
}
