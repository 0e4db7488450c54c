import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { AMBIGUITY_LABELS } from "@/lib/validation/decision";

/** One line for a consensus or decision outcome: "tabby, tiger cat · ambiguous (Blurry: …) · not in ImageNet: vole". */
export function describeOutcome(outcome: DecisionOutcome, nameOf: (classIndex: number) => string): string {
  const parts: string[] = [];
  if (outcome.classes.length > 0) parts.push(outcome.classes.map(nameOf).join(", "));
  if (outcome.ambiguity) {
    const candidates = outcome.candidateClasses.length > 0 ? `: ${outcome.candidateClasses.map(nameOf).join(", ")}` : "";
    parts.push(`ambiguous (${AMBIGUITY_LABELS[outcome.ambiguity]}${candidates})`);
  }
  if (outcome.outsideLabels.length > 0) parts.push(`not in ImageNet: ${outcome.outsideLabels.join(", ")}`);
  return parts.join(" · ") || "no outcome";
}
