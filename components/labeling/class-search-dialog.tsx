"use client";

import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { cx, focusRing } from "@/components/ui/class-names";
import { Dialog } from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";
import type { ClassSearchIndex } from "@/lib/labeling/class-search";

export interface ClassSearchDialogProps {
  open: boolean;
  onClose: () => void;
  /** Built once per class list (createClassSearchIndex) and reused for every query. */
  index: ClassSearchIndex;
  duplicates: ReadonlySet<string>;
  /** Already chosen, marked in the results. */
  selected: readonly number[];
  /** Adds the class to the decision (or to the candidate set when several classes are possible). */
  onPick: (classIndex: number) => void;
}

const LIMIT = 50;

export function ClassSearchDialog(props: ClassSearchDialogProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Find a class" hideTitle className="mt-[12vh] mb-auto">
      {/* Mounted only while open, so every opening starts with an empty query. */}
      {props.open ? <ClassSearchBody {...props} /> : null}
    </Dialog>
  );
}

function ClassSearchBody({ onClose, index, duplicates, selected, onPick }: ClassSearchDialogProps) {
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const hits = useMemo(() => index.search(query, LIMIT), [index, query]);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  useEffect(() => {
    document.getElementById(`${listId}-option-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [active, listId]);

  const pick = (i: number, keepOpen: boolean) => {
    const hit = hits[i];
    if (!hit) return;
    onPick(hit.cls.index);
    if (!keepOpen) onClose();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = hits.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(active + 1, last),
      ArrowUp: Math.max(active - 1, 0),
      PageDown: Math.min(active + 8, last),
      PageUp: Math.max(active - 8, 0),
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(Math.max(0, moves[event.key]!));
    } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      pick(active, event.shiftKey);
    }
  };

  return (
    <div className="flex min-h-0 flex-col">
      <div className="border-b border-slate-200 p-3">
        <input
          data-autofocus
          role="combobox"
          aria-label="Find a class by name, wnid or index"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={hits.length > 0 ? optionId(active) : undefined}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder="Class name, wnid (n01440764) or index (283)"
          spellCheck={false}
          autoComplete="off"
          className={cx("h-10 w-full rounded-md bg-slate-50 px-3 text-[15px] text-slate-900 ring-1 ring-slate-300 placeholder:text-slate-500", focusRing)}
        />
      </div>
      <ul id={listId} role="listbox" aria-label="Matching classes" className="min-h-0 flex-1 overflow-y-auto p-1.5">
        {hits.map((hit, i) => {
          const chosen = selected.includes(hit.cls.index);
          return (
            <li
              key={hit.cls.index}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keep focus in the input: the list is driven from it.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => i !== active && setActive(i)}
              onClick={(event) => pick(i, event.shiftKey)}
              className={cx("cursor-pointer rounded-md px-3 py-2", i === active ? "bg-indigo-50 ring-1 ring-indigo-200" : "")}
            >
              <div className="flex items-baseline gap-2">
                <span className="truncate text-[15px] font-medium text-slate-900">
                  {duplicates.has(hit.cls.name) ? `${hit.cls.name} (${hit.cls.index})` : hit.cls.name}
                </span>
                {hit.field !== "name" && hit.field !== "index" && hit.field !== "wnid" ? (
                  <span className="truncate text-sm text-slate-600">“{hit.text}”</span>
                ) : null}
                <span className="ml-auto shrink-0 text-sm text-slate-500 tabular-nums">
                  {hit.cls.index} · {hit.cls.wnid}
                </span>
                {chosen ? <span className="shrink-0 text-sm font-medium text-indigo-700">✓ chosen</span> : null}
              </div>
              <p className="line-clamp-1 text-sm text-slate-600">{hit.cls.gloss}</p>
            </li>
          );
        })}
      </ul>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
        {query && hits.length === 0 ? <span>No class matches “{query}”.</span> : null}
        <span>
          <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
        </span>
        <span>
          <Kbd>Enter</Kbd> add
        </span>
        <span>
          <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> add, keep open
        </span>
        <span>
          <Kbd>Esc</Kbd> close
        </span>
      </p>
    </div>
  );
}
