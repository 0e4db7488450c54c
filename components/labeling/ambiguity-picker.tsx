"use client";

import { useEffect, useId, useRef } from "react";
import { cx, focusRing } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { AMBIGUITY_LABELS, AMBIGUITY_REASONS } from "@/lib/validation/decision";

export interface AmbiguityPickerProps {
  value: AmbiguityReason | null;
  /** After `a`: the number keys choose a reason, so show them. */
  picking: boolean;
  onChange: (reason: AmbiguityReason | null) => void;
}

export function AmbiguityPicker({ value, picking, onChange }: AmbiguityPickerProps) {
  const labelId = useId();
  const name = useId();
  const ref = useRef<HTMLDivElement>(null);
  // `a` may be pressed with the picker scrolled out of the side panel: bring it into view.
  useEffect(() => {
    if (picking) ref.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [picking]);
  const options: { value: AmbiguityReason | null; label: string; key: string | null }[] = [
    { value: null, label: "Not ambiguous", key: null },
    ...AMBIGUITY_REASONS.map((reason, i) => ({ value: reason, label: AMBIGUITY_LABELS[reason], key: String(i + 1) })),
  ];
  return (
    <div
      ref={ref}
      role="radiogroup"
      aria-labelledby={labelId}
      className={cx("rounded-lg p-2 transition-shadow", picking ? "bg-indigo-50/60 ring-2 ring-indigo-500" : "ring-1 ring-slate-200")}
    >
      <div className="mb-1 flex items-baseline justify-between gap-2 px-1">
        <span id={labelId} className="text-sm font-medium text-slate-900">
          Ambiguous
        </span>
        <span className="text-sm text-slate-500">
          {picking ? (
            "Press 1–5 to choose, Esc to cancel"
          ) : (
            <>
              <Kbd>A</Kbd> then a number
            </>
          )}
        </span>
      </div>
      <div className="grid grid-cols-2 gap-1">
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <label
              key={option.value ?? "none"}
              className={cx(
                "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm",
                checked ? "bg-white font-medium text-slate-900 ring-1 ring-indigo-300" : "text-slate-700 hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name={name}
                checked={checked}
                onChange={() => onChange(option.value)}
                className={cx("size-4 accent-indigo-600", focusRing)}
              />
              <span className="flex-1">{option.label}</span>
              {picking && option.key ? <Kbd aria-hidden>{option.key}</Kbd> : null}
            </label>
          );
        })}
      </div>
    </div>
  );
}
