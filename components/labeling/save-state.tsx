import { Spinner } from "@/components/ui/spinner";
import { cx } from "@/components/ui/class-names";
import { useSubmitProgress } from "@/components/labeling/use-submit-progress";
import type { AutosaveStatus } from "@/lib/labeling/autosave";
import { unsentMessage } from "@/lib/labeling/retry";
import type { SubmitQueueProgress } from "@/lib/labeling/submit-queue";

export interface SaveStateProps {
  status: AutosaveStatus;
  /** The decision has changes the server has not confirmed. */
  dirty: boolean;
  /** Submitted decisions the server has not acknowledged: nothing may read "Saved" until it has. */
  sending?: number;
  /**
   * A submit of this image failed (refused by the server, or not sent; the alert says why): the
   * draft may well be saved, but the decision is not, and the header must not say otherwise.
   */
  submitFailed?: boolean;
}

export function saveStateText({ status, dirty, sending = 0, submitFailed = false }: SaveStateProps): string {
  if (status === "error") return "Save failed — retrying";
  if (status === "invalid") return "Not saved — fix the marked field";
  if (submitFailed) return "Not saved";
  if (sending > 0) return sending === 1 ? "Sending your decision…" : `Sending ${sending} decisions…`;
  if (status === "saving") return "Saving…";
  if (status === "pending" || dirty) return "Unsaved changes";
  return "Saved";
}

/** A polite live region: the annotator hears about failures without losing focus. */
export function SaveState(props: SaveStateProps) {
  const text = saveStateText(props);
  const failed = props.status === "error" || props.status === "invalid" || props.submitFailed === true;
  const tone = failed ? "text-red-700" : text === "Saved" ? "text-slate-500" : "text-slate-700";
  return (
    <span role="status" aria-live="polite" className={cx("inline-flex items-center gap-1.5 text-sm whitespace-nowrap", tone)}>
      {!failed && (props.status === "saving" || (props.sending ?? 0) > 0) ? (
        <Spinner />
      ) : (
        <span
          aria-hidden
          className={cx(
            "size-2 rounded-full",
            failed ? "bg-red-600" : text === "Saved" ? "bg-emerald-500" : "bg-amber-500",
          )}
        />
      )}
      {text}
    </span>
  );
}

/** Why a submitted decision has not reached the server yet; nothing while it has not failed. */
export function UnsentNotice({ sending }: { sending?: SubmitQueueProgress }) {
  const { unsent } = useSubmitProgress(sending);
  if (!unsent) return null;
  return (
    <p role="status" className="border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {unsentMessage(unsent)}
    </p>
  );
}
