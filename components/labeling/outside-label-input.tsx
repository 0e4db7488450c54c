"use client";

import { useId, useMemo, useState, type KeyboardEvent, type Ref } from "react";
import { Chip } from "@/components/ui/chip";
import { cx, focusRing } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import { normalizeOutsideLabel } from "@/lib/labeling/decision-store";
import { suggestLabels } from "@/lib/labeling/label-suggestions";

export interface OutsideLabelInputProps {
  labels: readonly string[];
  /** Labels used before ("domestic ferret", "vole"): suggested so that spellings converge. */
  vocabulary: readonly string[];
  onAdd: (label: string) => void;
  onRemove: (label: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  error?: string;
}

const MAX_LABELS = 10;

export function OutsideLabelInput({ labels, vocabulary, onAdd, onRemove, inputRef, error }: OutsideLabelInputProps) {
  const [text, setText] = useState("");
  const [active, setActive] = useState(-1);
  const [listOpen, setListOpen] = useState(true);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  // A submit adds the text still in the field (labeling-workbench): from then on it is a chip, not text to add.
  const [shownLabels, setShownLabels] = useState(labels);
  if (labels !== shownLabels) {
    setShownLabels(labels);
    if (text && labels.includes(normalizeOutsideLabel(text))) setText("");
  }
  const suggestions = useMemo(() => suggestLabels(vocabulary, text, labels), [vocabulary, text, labels]);
  const showList = listOpen && suggestions.length > 0;
  const full = labels.length >= MAX_LABELS;

  const add = (label: string) => {
    if (!normalizeOutsideLabel(label) || full) return;
    onAdd(label);
    setText("");
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setListOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => Math.min(Math.max(current + step, -1), suggestions.length - 1));
    } else if (event.key === "Enter") {
      // Ctrl/Cmd+Enter also submits (the window's handler, which reads the store synchronously):
      // the label still in the field goes in first, rather than the submit dropping what is on screen.
      if (!event.ctrlKey && !event.metaKey) event.preventDefault();
      add(showList && active >= 0 ? suggestions[active]! : text);
    } else if (event.key === "Escape" && showList) {
      // First Escape closes the suggestions; only a second one leaves the field (window handler).
      event.stopPropagation();
      setListOpen(false);
      setActive(-1);
    }
  };

  return (
    <div>
      <label htmlFor={inputId} className="mb-1 flex items-baseline justify-between text-sm font-medium text-slate-900">
        <span>Not in ImageNet</span>
        <span className="font-normal text-slate-500">
          <Kbd>N</Kbd> to type, <Kbd>Enter</Kbd> to add
        </span>
      </label>
      {labels.length > 0 ? (
        <ul aria-label="Labels outside ImageNet" className="mb-1.5 flex flex-wrap gap-1.5">
          {labels.map((label) => (
            <li key={label}>
              <Chip removeLabel={`Remove ${label}`} onRemove={() => onRemove(label)}>
                {label}
              </Chip>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          ref={inputRef}
          id={inputId}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={error ? hintId : undefined}
          aria-invalid={error ? true : undefined}
          value={text}
          maxLength={80}
          disabled={full}
          placeholder={full ? "At most 10 labels" : "e.g. domestic ferret, vole"}
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            setActive(-1);
            setListOpen(true);
          }}
          onBlur={() => setListOpen(false)}
          onFocus={() => setListOpen(true)}
          onKeyDown={onKeyDown}
          className={cx("h-9 w-full rounded-md bg-white px-3 text-sm text-slate-900 ring-1 ring-slate-300 placeholder:text-slate-500 disabled:bg-slate-50", focusRing)}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          hidden={!showList}
          className="absolute inset-x-0 top-full z-20 mt-1 max-h-64 overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-slate-200"
        >
          {suggestions.map((suggestion, i) => (
            <li
              key={suggestion}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(suggestion)}
              className={cx("cursor-pointer rounded px-2 py-1.5 text-sm text-slate-800", i === active ? "bg-indigo-50" : "hover:bg-slate-50")}
            >
              {suggestion}
            </li>
          ))}
        </ul>
      </div>
      {error ? (
        <p id={hintId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
