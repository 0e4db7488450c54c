import { Spinner } from "@/components/ui/spinner";
import { cx } from "@/components/ui/class-names";
import type { AutosaveStatus } from "@/lib/labeling/autosave";

export interface SaveStateProps {
  status: AutosaveStatus;
  /** The decision has changes the server has not confirmed. */
  dirty: boolean;
}

export function saveStateText({ status, dirty }: SaveStateProps): string {
  if (status === "error") return "Save failed — retrying";
  if (status === "invalid") return "Not saved — fix the marked field";
  if (status === "saving") return "Saving…";
  if (status === "pending" || dirty) return "Unsaved changes";
  return "Saved";
}

/** A polite live region: the annotator hears about failures without losing focus. */
export function SaveState(props: SaveStateProps) {
  const text = saveStateText(props);
  const tone =
    props.status === "error" || props.status === "invalid" ? "text-red-700" : text === "Saved" ? "text-slate-500" : "text-slate-700";
  return (
    <span role="status" aria-live="polite" className={cx("inline-flex items-center gap-1.5 text-sm whitespace-nowrap", tone)}>
      {props.status === "saving" ? (
        <Spinner />
      ) : (
        <span
          aria-hidden
          className={cx(
            "size-2 rounded-full",
            props.status === "error" || props.status === "invalid" ? "bg-red-600" : text === "Saved" ? "bg-emerald-500" : "bg-amber-500",
          )}
        />
      )}
      {text}
    </span>
  );
}
