"use client";

import { useId, useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cx, focusRing } from "@/components/ui/class-names";
import { Kbd } from "@/components/ui/kbd";
import { ClassDetails } from "@/components/labeling/class-details";
import { describeGroups, distinctName, type ClassLookup } from "@/lib/labeling/class-lookup";
import { badgeDescription, badgeText } from "@/lib/labeling/source-format";
import type { SourceKind } from "@/lib/generated/prisma/enums";
import type { Candidate } from "@/lib/labeling/types";

export interface CandidateListProps {
  /** The image on screen, left out of each class's example images. */
  campaignId: number;
  imageId: number;
  candidates: Candidate[];
  lookup: ClassLookup;
  /** Names shared by several classes ("crane"), shown with their index. */
  duplicates: ReadonlySet<string>;
  /** Classes pressed: the decision's classes, or its candidate set when several classes are possible. */
  selected: readonly number[];
  /** The keys now build the candidate set of an ambiguous decision, not the decision itself. */
  selectingCandidateSet: boolean;
  onToggle: (classIndex: number) => void;
}

const KEYED = 9;

const TONE: Record<SourceKind, BadgeTone> = {
  ORIGINAL: "outline",
  STUDY: "accent",
  EXPERT: "accent",
  CONSENSUS: "success",
  MODEL: "neutral",
};

export function CandidateList({ campaignId, imageId, candidates, lookup, duplicates, selected, selectingCandidateSet, onToggle }: CandidateListProps) {
  const headingId = useId();
  // One switch for all rows rather than a button per row: glosses are read in bursts, and a
  // per-row button would put ten same-named controls next to the candidates.
  const [showGlosses, setShowGlosses] = useState(false);
  return (
    <section aria-labelledby={headingId} className="px-4 py-3">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-slate-900">
          {selectingCandidateSet ? "Possible classes" : "Candidates"}
        </h2>
        <p className="flex-1 text-sm text-slate-500">
          {selectingCandidateSet ? "Pick every class the image could be" : "Press a number to toggle"}
        </p>
        {candidates.length > 0 ? (
          <button
            type="button"
            aria-pressed={showGlosses}
            onClick={() => setShowGlosses((show) => !show)}
            className={cx(
              "rounded px-1.5 py-0.5 text-sm text-indigo-700 hover:bg-indigo-50",
              showGlosses && "bg-indigo-50 font-medium ring-1 ring-indigo-200",
              focusRing,
            )}
          >
            Definitions
          </button>
        ) : null}
      </div>
      {candidates.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600">
          No source proposes a class for this image. Press <Kbd>/</Kbd> to search all classes.
        </p>
      ) : (
        <ol className="space-y-1.5">
          {candidates.map((candidate, position) => (
            <CandidateRow
              key={candidate.classIndex}
              candidate={candidate}
              campaignId={campaignId}
              imageId={imageId}
              number={position < KEYED ? position + 1 : null}
              name={distinctName(lookup, duplicates, candidate.classIndex)}
              lookup={lookup}
              pressed={selected.includes(candidate.classIndex)}
              showGloss={showGlosses}
              onToggle={onToggle}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

interface CandidateRowProps {
  candidate: Candidate;
  campaignId: number;
  imageId: number;
  number: number | null;
  name: string;
  lookup: ClassLookup;
  pressed: boolean;
  showGloss: boolean;
  onToggle: (classIndex: number) => void;
}

function CandidateRow({ candidate, campaignId, imageId, number, name, lookup, pressed, showGloss, onToggle }: CandidateRowProps) {
  const detailsId = useId();
  const cls = lookup.get(candidate.classIndex);
  const warnings = cls ? describeGroups(cls, lookup) : [];

  return (
    // The whole card is the mouse target: the click on the button (from mouse, Enter or Space)
    // bubbles here, so the button needs no handler of its own and badges keep their tooltips.
    <li
      onClick={() => onToggle(candidate.classIndex)}
      className={cx(
        "cursor-pointer rounded-lg px-3 py-2 ring-1 transition-colors",
        pressed ? "bg-indigo-50 ring-2 ring-indigo-500" : "bg-white ring-slate-200 hover:bg-slate-50",
      )}
    >
      <button
        type="button"
        aria-pressed={pressed}
        aria-describedby={detailsId}
        title={cls?.gloss}
        className={cx("flex w-full items-center gap-2.5 rounded text-left", focusRing)}
      >
        {number !== null ? <Kbd aria-hidden>{number}</Kbd> : <span aria-hidden className="w-5" />}
        <span className="min-w-0 flex-1 truncate text-[15px] font-medium text-slate-900">{name}</span>
        <span aria-hidden className="text-sm text-slate-500 tabular-nums">
          {candidate.classIndex}
        </span>
        <span
          aria-hidden
          className={cx(
            "flex size-5 items-center justify-center rounded-full text-xs",
            pressed ? "bg-indigo-600 text-white" : "ring-1 ring-slate-300",
          )}
        >
          {pressed ? "✓" : ""}
        </span>
      </button>
      <div id={detailsId} className="mt-1.5 space-y-1 pl-7.5">
        <ul aria-label="Proposed by" className="flex flex-wrap gap-1">
          {candidate.badges.map((badge) => (
            <li key={badge.source}>
              <Badge tone={TONE[badge.kind]} title={badgeDescription(badge)}>
                {badgeText(badge)}
              </Badge>
            </li>
          ))}
        </ul>
        {warnings.map((warning) => (
          <p key={warning} className="text-sm text-amber-800">
            <span aria-hidden>⚠ </span>
            {warning.charAt(0).toUpperCase() + warning.slice(1)}
          </p>
        ))}
        {showGloss && cls ? <ClassDetails cls={cls} campaignId={campaignId} imageId={imageId} /> : null}
      </div>
    </li>
  );
}
