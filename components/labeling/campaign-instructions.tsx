import Markdown from "react-markdown";
import { cx, focusRing } from "@/components/ui/class-names";

/**
 * Collapsed by default: read once, then out of the way for the next thousand images. The admin's
 * Markdown is rendered without raw HTML (react-markdown's default), so it cannot inject markup.
 */
export function CampaignInstructions({ text }: { text: string }) {
  return (
    <details className="group px-4 py-2">
      <summary className={cx("cursor-pointer rounded text-sm font-medium text-slate-700 hover:text-slate-900", focusRing)}>
        Campaign instructions
      </summary>
      <div className="mt-1.5 space-y-2 text-sm text-slate-700 [&_a]:text-indigo-700 [&_a]:underline [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc">
        <Markdown>{text}</Markdown>
      </div>
    </details>
  );
}
