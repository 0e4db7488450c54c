import type { ReactNode } from "react";
import { cx, focusRing } from "@/components/ui/class-names";

export interface ChipProps {
  children: ReactNode;
  /** Accessible name of the remove button, e.g. "Remove tiger cat". */
  removeLabel: string;
  onRemove: () => void;
  className?: string;
}

/** A value with a remove button: the chip itself is not interactive, its × is. */
export function Chip({ children, removeLabel, onRemove, className }: ChipProps) {
  return (
    <span
      className={cx(
        "inline-flex max-w-full items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-3 text-sm font-medium text-indigo-900 ring-1 ring-indigo-200",
        className,
      )}
    >
      <span className="truncate">{children}</span>
      <button
        type="button"
        aria-label={removeLabel}
        title={removeLabel}
        onClick={onRemove}
        className={cx("flex size-6 items-center justify-center rounded-full text-indigo-700 hover:bg-indigo-100", focusRing)}
      >
        <span aria-hidden>×</span>
      </button>
    </span>
  );
}
