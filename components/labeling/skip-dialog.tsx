"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";

export const SKIP_REASONS = [
  "Outside my expertise",
  "Image does not load or is broken",
  "Offensive or personal content",
] as const;

export interface SkipDialogProps {
  open: boolean;
  onClose: () => void;
  onSkip: (reason: string) => Promise<void>;
}

export function SkipDialog(props: SkipDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Skip this image" description="Say why, so the image can go to someone else.">
      {props.open ? <SkipForm {...props} /> : null}
    </Dialog>
  );
}

function SkipForm({ onClose, onSkip }: SkipDialogProps) {
  const [choice, setChoice] = useState<string>(SKIP_REASONS[0]);
  const [other, setOther] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = useId();
  const otherId = useId();
  const reason = choice === "other" ? other.trim() : choice;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSkip(reason);
      onClose();
    } catch {
      setError("Could not skip the image. Try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3 px-5 pt-3 pb-5">
      <fieldset className="space-y-1.5">
        <legend className="sr-only">Reason</legend>
        {[...SKIP_REASONS, "other"].map((option, i) => (
          <label key={option} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="radio"
              name={name}
              value={option}
              checked={choice === option}
              onChange={() => setChoice(option)}
              data-autofocus={i === 0 ? true : undefined}
              className={cx("size-4 accent-indigo-600", focusRing)}
            />
            {option === "other" ? "Other reason" : option}
          </label>
        ))}
      </fieldset>
      {choice === "other" ? (
        <div>
          <label htmlFor={otherId} className="mb-1 block text-sm font-medium text-slate-900">
            Reason
          </label>
          <input
            id={otherId}
            autoFocus
            value={other}
            maxLength={200}
            onChange={(event) => setOther(event.target.value)}
            className={cx("h-9 w-full rounded-md px-3 text-sm ring-1 ring-slate-300", focusRing)}
          />
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={!reason || busy} aria-busy={busy}>
          {busy ? <Spinner /> : null}
          Skip image
        </Button>
      </div>
    </form>
  );
}
