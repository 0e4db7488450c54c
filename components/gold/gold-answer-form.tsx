"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, invalidProps } from "@/components/ui/field-error";
import { markGoldAction, unmarkGoldAction } from "@/lib/actions/gold";
import { describeOutcome } from "@/lib/consensus/describe";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { AMBIGUITY_LABELS, AMBIGUITY_REASONS, classIndexRange } from "@/lib/validation/decision";

type Current = DecisionOutcome & { origin: string };

const field = "mt-1 block rounded-md border border-slate-300 px-3 py-1.5";

/** "65, 66" → [65, 66]; null when a part is not a whole number. */
function indices(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean).map(Number);
  return parts.every(Number.isInteger) ? parts : null;
}

const labels = (text: string) => text.split(",").map((label) => label.trim()).filter(Boolean);

/**
 * An admin gives an image's known answer, making it gold, or makes it ordinary again. The answer
 * is any outcome a decision can have: classes, ambiguous with a reason (and the possible classes),
 * or labels outside ImageNet; the server validates it with the decision's own rules.
 */
export function GoldAnswerForm({ imageId, current, classCount }: { imageId: number; current: Current | null; classCount: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const [ambiguity, setAmbiguity] = useState<AmbiguityReason | "">(current?.ambiguity ?? "");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "");
    const classes = indices(text("classes"));
    const candidateClasses = ambiguity === "SEVERAL_CLASSES_POSSIBLE" ? indices(text("candidateClasses")) : [];
    if (!classes || !candidateClasses) return setError(`Class indices are whole numbers ${classIndexRange(classCount)}, separated by commas.`);
    setPending(true);
    const result = await markGoldAction({ imageId, classes, ambiguity: ambiguity || null, candidateClasses, outsideLabels: labels(text("outsideLabels")) });
    setPending(false);
    setError(result.ok ? null : result.error);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    if (result.ok) router.refresh();
  }

  const errorId = (name: string) => `gold-${name}-error`;
  return (
    <section aria-labelledby="gold-answer" className="space-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
      <h2 id="gold-answer" className="font-semibold">Gold answer</h2>
      <p className="text-slate-600">
        {current ? `Gold: ${describeOutcome(current, String)} (${current.origin}).` : "Not a gold image."} Campaigns created afterwards with a gold share mix gold images into every annotator's queue.
      </p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <div>
          <label className="block">
            Class indices ({classIndexRange(classCount)})
            <input name="classes" defaultValue={current?.classes.join(", ") ?? ""} placeholder="65, 66" className={`${field} w-56`} {...invalidProps(errorId("classes"), fieldErrors.classes)} />
          </label>
          <FieldError id={errorId("classes")} messages={fieldErrors.classes} />
        </div>
        <label className="block">
          Ambiguous
          <select name="ambiguity" value={ambiguity} onChange={(event) => setAmbiguity(event.target.value as AmbiguityReason | "")} className={`${field} w-64 bg-white`}>
            <option value="">Not ambiguous</option>
            {AMBIGUITY_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {AMBIGUITY_LABELS[reason]}
              </option>
            ))}
          </select>
        </label>
        {ambiguity === "SEVERAL_CLASSES_POSSIBLE" && (
          <div>
            <label className="block">
              Possible classes (at least two)
              <input name="candidateClasses" defaultValue={current?.candidateClasses.join(", ") ?? ""} placeholder="620, 681" className={`${field} w-56`} {...invalidProps(errorId("candidateClasses"), fieldErrors.candidateClasses)} />
            </label>
            <FieldError id={errorId("candidateClasses")} messages={fieldErrors.candidateClasses} />
          </div>
        )}
        <div>
          <label className="block">
            Not in ImageNet (labels, comma-separated)
            <input name="outsideLabels" defaultValue={current?.outsideLabels.join(", ") ?? ""} placeholder="vole" className={`${field} w-64`} {...invalidProps(errorId("outsideLabels"), fieldErrors.outsideLabels)} />
          </label>
          <FieldError id={errorId("outsideLabels")} messages={fieldErrors.outsideLabels} />
        </div>
        <Button type="submit" variant="primary" disabled={pending}>{current ? "Change gold answer" : "Make gold"}</Button>
        {current && (
          <Button
            variant="ghost"
            disabled={pending}
            onClick={async () => {
              await unmarkGoldAction({ imageId });
              router.refresh();
            }}
          >
            Not gold
          </Button>
        )}
      </form>
      {error && <p role="alert" className="text-red-700">{error}</p>}
    </section>
  );
}
