import type { ComponentProps } from "react";
import { cx } from "@/components/ui/class-names";

export interface KbdProps extends ComponentProps<"kbd"> {
  /** "inverse" for key caps on an accent-coloured button. */
  tone?: "default" | "inverse";
}

/** A key cap. Decorative next to a control that already has a name: pass aria-hidden there. */
export function Kbd({ tone = "default", className, ...props }: KbdProps) {
  return (
    <kbd
      className={cx(
        "inline-flex h-5 min-w-5 items-center justify-center rounded border border-b-2 px-1 font-mono text-xs leading-none font-medium",
        tone === "inverse" ? "border-indigo-300 bg-indigo-500 text-white" : "border-slate-300 bg-white text-slate-700",
        className,
      )}
      {...props}
    />
  );
}
