"use client";

import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import { KEYMAP, KEY_GROUPS, describeBinding } from "@/lib/labeling/keymap";

/** Each alternative of a binding's display key ("U / Shift+Z") as its own key caps. */
function KeyCaps({ keys }: { keys: string }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {keys.split(" / ").map((alternative, i) => {
        const parts = alternative === "+" ? ["+"] : alternative.split("+");
        return (
          <span key={alternative} className="inline-flex items-center gap-1">
            {i > 0 ? <span className="text-xs text-slate-500">or</span> : null}
            {parts.map((part, j) => (
              <span key={part} className="inline-flex items-center gap-0.5">
                {j > 0 ? <span className="text-xs text-slate-500">+</span> : null}
                <Kbd>{part}</Kbd>
              </span>
            ))}
          </span>
        );
      })}
    </span>
  );
}

interface HelpBinding {
  action: string;
  key: string;
  label: string;
  description: string;
  group: string;
}

/** The shortcut overlay, rendered from the same keymap the keyboard handler uses (the labeling one unless another is given). */
export function ShortcutHelp({
  open,
  onClose,
  keymap = KEYMAP,
  groups = KEY_GROUPS,
  classCount,
}: {
  open: boolean;
  onClose: () => void;
  keymap?: readonly HelpBinding[];
  groups?: readonly string[];
  /** The taxonomy's size, once the class list is loaded. */
  classCount?: number;
}) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" className="w-[min(56rem,calc(100vw-2rem))]">
      <div className="gap-x-8 overflow-y-auto px-5 pt-3 pb-5 sm:columns-2">
        {groups.map((group) => (
          <section key={group} aria-labelledby={`shortcut-group-${group}`} className="mb-5 break-inside-avoid">
            <h3 id={`shortcut-group-${group}`} className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {group}
            </h3>
            <dl className="space-y-2">
              {keymap.filter((binding) => binding.group === group).map((binding) => (
                <div key={binding.action} className="grid grid-cols-[6.5rem_1fr] items-baseline gap-3">
                  <dt>
                    <KeyCaps keys={binding.key} />
                  </dt>
                  <dd className="text-sm text-slate-700">
                    <span className="font-medium text-slate-900">{binding.label}</span>
                    <span className="block text-slate-600">{describeBinding(binding.description, classCount)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
