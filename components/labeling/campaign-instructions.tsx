import { cx, focusRing } from "@/components/ui/class-names";

/** Collapsed by default: read once, then out of the way for the next thousand images. */
export function CampaignInstructions({ text }: { text: string }) {
  return (
    <details className="group px-4 py-2">
      <summary className={cx("cursor-pointer rounded text-sm font-medium text-slate-700 hover:text-slate-900", focusRing)}>
        Campaign instructions
      </summary>
      <p className="mt-1.5 text-sm whitespace-pre-line text-slate-700">{text}</p>
    </details>
  );
}
