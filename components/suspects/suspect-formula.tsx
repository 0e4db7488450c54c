import { MAX_SCORE, type ScorePart, WEIGHTS } from "@/lib/suspects/score";

/** What each part of the suspect score measures (lib/suspects/score.ts), in the words the pages show. */
export const SUSPECT_PARTS: [ScorePart, string][] = [
  ["absent", "share of prior studies whose verdict leaves out the original label (no consensus counts ½)"],
  ["disagree", "mean pairwise Jaccard distance between the studies' label sets"],
  ["models", "share of models whose top-1 is the same class other than the original label"],
  ["confidence", "1 − mean score the models with scores give the original label"],
  ["classGroup", "the original label is in a problematic class group"],
  ["duplicate", "the image is in a duplicate group whose members' original labels differ"],
];

/** The formula, as a list of weighted parts. */
export function SuspectFormula() {
  return (
    <>
      <p className="text-slate-600">The sum of these parts, each a share from 0 to 1 times its weight (maximum {MAX_SCORE}):</p>
      <ul className="mt-1 list-disc pl-5">
        {SUSPECT_PARTS.map(([part, text]) => (
          <li key={part}>
            <b>{part}</b> ({WEIGHTS[part]}×): {text}
          </li>
        ))}
      </ul>
    </>
  );
}

/** One image's score, expandable into the parts it is made of (the ones above zero). */
export function SuspectScoreCell({ score, parts }: { score: number | null; parts: Partial<Record<ScorePart, number>> | null }) {
  if (score === null || parts === null) return <span className="text-slate-400">—</span>;
  const made = SUSPECT_PARTS.filter(([part]) => (parts[part] ?? 0) > 0);
  if (made.length === 0) return <span className="tabular-nums">{score.toFixed(2)}</span>;
  return (
    <details className="inline-block text-left">
      <summary className="cursor-pointer font-medium tabular-nums" aria-label={`Suspect score ${score.toFixed(2)}: show its parts`}>
        {score.toFixed(2)}
      </summary>
      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
        {made.map(([part, text]) => (
          <li key={part} title={text}>
            {part} {parts[part]!.toFixed(2)}
          </li>
        ))}
      </ul>
    </details>
  );
}
