import { ActionButton } from "@/components/ui/action-button";
import type { ActionResult } from "@/lib/actions/action-result";

/** Cancels a queued or running job through the feature's own action (which checks its permission and scope). */
export function CancelJobButton<I>({ action, input, label }: { action: (input: I) => Promise<ActionResult<unknown>>; input: I; label: string }) {
  return (
    <ActionButton action={action} input={input} label={label} variant="danger">
      Cancel
    </ActionButton>
  );
}
