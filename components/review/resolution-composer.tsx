"use client";

import type { RefObject } from "react";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { cx, focusRing } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import type { AmbiguityReason } from "@/lib/generated/prisma/enums";
import { AMBIGUITY_LABELS } from "@/lib/validation/decision";

/** What the reviewer is about to save. */
export interface ResolutionDraft {
  classes: number[];
  ambiguity: AmbiguityReason | null;
  candidateClasses: number[];
  outsideLabels: string[];
  /** Non-null: the image is excluded for this reason (the outcome fields are ignored). */
  exclude: string | null;
  notes: string;
}

export const EMPTY_DRAFT: ResolutionDraft = { classes: [], ambiguity: null, candidateClasses: [], outsideLabels: [], exclude: null, notes: "" };

interface Props {
  draft: ResolutionDraft;
  onChange: (draft: ResolutionDraft) => void;
  nameOf: (index: number) => string;
  noteRef: RefObject<HTMLTextAreaElement | null>;
  busy: boolean;
  error: string | null;
  onCommand: (command: "openSearch" | "ambiguous" | "notInImageNet" | "exclude" | "clearSet" | "resolve" | "sendBack" | "next") => void;
}

function KeyButton({ label, keyName, onClick, variant = "secondary", disabled }: { label: string; keyName: string; onClick: () => void; variant?: "primary" | "secondary" | "danger"; disabled?: boolean }) {
  return (
    <Button size="sm" variant={variant} onClick={onClick} disabled={disabled} aria-keyshortcuts={keyName === "Enter" ? "Enter" : keyName.toLowerCase()}>
      {label} <Kbd aria-hidden tone={variant === "primary" ? "inverse" : "default"}>{keyName}</Kbd>
    </Button>
  );
}

/** The resolution being composed, with a button for each key of the review keymap. */
export function ResolutionComposer({ draft, onChange, nameOf, noteRef, busy, error, onCommand }: Props) {
  const set = draft.ambiguity ? draft.candidateClasses : draft.classes;
  const remove = (index: number) =>
    onChange(draft.ambiguity ? { ...draft, candidateClasses: draft.candidateClasses.filter((c) => c !== index) } : { ...draft, classes: draft.classes.filter((c) => c !== index) });
  return (
    <section aria-labelledby="resolution-heading" className="space-y-2">
      <h2 id="resolution-heading" className="text-sm font-semibold text-slate-900">
        Resolution
      </h2>
      <div aria-label="Composed resolution" aria-live="polite" className="flex min-h-9 flex-wrap items-center gap-1.5 rounded-lg bg-white p-2 ring-1 ring-slate-200">
        {draft.exclude !== null ? (
          <Chip removeLabel="Do not exclude" onRemove={() => onChange({ ...draft, exclude: null })}>
            Excluded: {draft.exclude}
          </Chip>
        ) : (
          <>
            {draft.ambiguity ? (
              <Chip removeLabel="Not ambiguous" onRemove={() => onChange({ ...draft, ambiguity: null, classes: draft.candidateClasses, candidateClasses: [] })}>
                Ambiguous: {AMBIGUITY_LABELS[draft.ambiguity]}
              </Chip>
            ) : null}
            {set.map((index) => (
              <Chip key={index} removeLabel={`Remove ${nameOf(index)}`} onRemove={() => remove(index)}>
                {nameOf(index)}
              </Chip>
            ))}
            {draft.outsideLabels.map((label) => (
              <Chip key={label} removeLabel={`Remove ${label}`} onRemove={() => onChange({ ...draft, outsideLabels: draft.outsideLabels.filter((l) => l !== label) })}>
                Not in ImageNet: {label}
              </Chip>
            ))}
            {set.length === 0 && !draft.ambiguity && draft.outsideLabels.length === 0 ? (
              <span className="px-1 text-sm text-slate-500">Empty: press a decision&apos;s number, or / to add a class.</span>
            ) : null}
          </>
        )}
      </div>
      <div className="flex flex-wrap gap-1.5">
        <KeyButton label="Add class" keyName="/" onClick={() => onCommand("openSearch")} />
        <KeyButton label="Ambiguous" keyName="A" onClick={() => onCommand("ambiguous")} />
        <KeyButton label="Not in ImageNet" keyName="N" onClick={() => onCommand("notInImageNet")} />
        <KeyButton label="Exclude" keyName="X" onClick={() => onCommand("exclude")} variant="danger" />
        <KeyButton label="Clear" keyName="C" onClick={() => onCommand("clearSet")} />
      </div>
      <div className="text-sm text-slate-700">
        <label htmlFor="resolution-note">
          Note <Kbd aria-hidden>E</Kbd>
        </label>
        <textarea
          id="resolution-note"
          ref={noteRef}
          value={draft.notes}
          onChange={(event) => onChange({ ...draft, notes: event.target.value })}
          rows={2}
          maxLength={5000}
          className={cx("mt-1 block w-full rounded-md px-2 py-1 text-sm ring-1 ring-slate-300", focusRing)}
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-1.5">
        <KeyButton label={busy ? "Resolving…" : "Resolve"} keyName="Enter" onClick={() => onCommand("resolve")} variant="primary" disabled={busy} />
        <KeyButton label="Send back for one more annotation" keyName="B" onClick={() => onCommand("sendBack")} disabled={busy} />
        <KeyButton label="Next image" keyName="J" onClick={() => onCommand("next")} />
      </div>
    </section>
  );
}
