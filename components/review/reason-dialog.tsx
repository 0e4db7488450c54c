"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

export interface ReasonDialogProps {
  open: boolean;
  title: string;
  description: string;
  /** With choices: pick one (digits 1–N); without: type a text. */
  choices?: readonly { value: string; label: string }[];
  placeholder?: string;
  confirmLabel: string;
  onConfirm: (value: string) => void;
  onClose: () => void;
}

/** One small dialog for the reviewer's reasons: ambiguity reason, outside label, exclusion reason. */
export function ReasonDialog(props: ReasonDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title={props.title} description={props.description} className="w-[min(30rem,calc(100vw-2rem))]">
      {props.open ? <ReasonBody {...props} /> : null}
    </Dialog>
  );
}

function ReasonBody({ choices, placeholder, confirmLabel, onConfirm, onClose }: ReasonDialogProps) {
  const [text, setText] = useState("");
  const confirm = (value: string) => {
    if (!value.trim()) return;
    onConfirm(value.trim());
    onClose();
  };
  if (choices) {
    return (
      <ul
        className="space-y-1 p-4"
        onKeyDown={(event) => {
          const choice = choices[Number(event.key) - 1];
          if (choice) {
            event.preventDefault();
            confirm(choice.value);
          }
        }}
      >
        {choices.map((choice, i) => (
          <li key={choice.value}>
            <button
              type="button"
              data-autofocus={i === 0 ? true : undefined}
              onClick={() => confirm(choice.value)}
              className={cx("flex w-full items-center gap-3 rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100", focusRing)}
            >
              <Kbd aria-hidden>{i + 1}</Kbd> {choice.label}
            </button>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <form
      className="flex gap-2 p-4"
      onSubmit={(event) => {
        event.preventDefault();
        confirm(text);
      }}
    >
      <input
        data-autofocus
        aria-label={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={placeholder}
        maxLength={200}
        className={cx("h-9 min-w-0 flex-1 rounded-md px-3 text-sm ring-1 ring-slate-300", focusRing)}
      />
      <Button type="submit" variant="primary" disabled={!text.trim()}>
        {confirmLabel}
      </Button>
      <Button onClick={onClose}>Cancel</Button>
    </form>
  );
}
