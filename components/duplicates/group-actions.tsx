"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { applyGroupLabelAction, excludeGroupMembersAction, setGroupVerdictAction } from "@/lib/actions/duplicates";
import type { ActionResult } from "@/lib/actions/action-result";
import type { DuplicateVerdict } from "@/lib/generated/prisma/enums";

const VERDICTS: { value: DuplicateVerdict; label: string }[] = [
  { value: "EXACT", label: "Exact duplicate" },
  { value: "AUGMENTATION", label: "Augmentation" },
  { value: "SIMILAR_VIEW", label: "Similar view" },
  { value: "NOT_DUPLICATE", label: "Not a duplicate" },
];

interface Props {
  groupId: number;
  verdict: DuplicateVerdict | null;
  members: { id: number; fileKey: string; version: number | null }[];
  candidates: { index: number; name: string }[];
}

/** The reviewer's actions on a group; every write names the consensus versions this page showed. */
export function GroupActions({ groupId, verdict, members, candidates }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [excluded, setExcluded] = useState<number[]>([]);
  const [extra, setExtra] = useState("");
  const seenVersions = Object.fromEntries(members.map((m) => [String(m.id), m.version]));

  async function run(work: () => Promise<ActionResult<unknown>>, done: string) {
    setPending(true);
    setMessage(null);
    const result = await work();
    setPending(false);
    setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error });
    if (result.ok) router.refresh();
  }

  const extraClass = extra.trim() === "" ? null : Number(extra);
  const labelSet = [...chosen, ...(extraClass !== null && Number.isInteger(extraClass) ? [extraClass] : [])];

  return (
    <section aria-labelledby="group-actions" className="space-y-5 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
      <h2 id="group-actions" className="text-lg font-semibold">Review this group</h2>
      <fieldset className="space-y-2">
        <legend className="font-medium">What are these images? {verdict && <span className="font-normal text-slate-600">(now: {verdict.toLowerCase().replace("_", " ")})</span>}</legend>
        <div className="flex flex-wrap gap-2">
          {VERDICTS.map((v) => (
            <Button key={v.value} disabled={pending} variant={verdict === v.value ? "primary" : "secondary"} aria-pressed={verdict === v.value}
              onClick={() => run(() => setGroupVerdictAction({ groupId, verdict: v.value }), `Marked as ${v.label.toLowerCase()}.`)}>
              {v.label}
            </Button>
          ))}
        </div>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-medium">Apply one label set to all {members.length} members</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {candidates.map((c) => (
            <label key={c.index} className="flex items-center gap-1.5">
              <input type="checkbox" checked={chosen.includes(c.index)}
                onChange={(e) => setChosen((now) => (e.target.checked ? [...now, c.index] : now.filter((i) => i !== c.index)))} />
              {c.name} ({c.index})
            </label>
          ))}
        </div>
        <label className="flex items-center gap-2">
          Another class index
          <input type="number" min={0} value={extra} onChange={(e) => setExtra(e.target.value)} className="h-8 w-28 rounded-md border border-slate-300 px-2" />
        </label>
        <Button variant="primary" disabled={pending || labelSet.length === 0}
          onClick={() => run(() => applyGroupLabelAction({ groupId, classes: labelSet, note: "", seenVersions }), `Label applied to ${members.length} images.`)}>
          Apply label to group
        </Button>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="font-medium">Exclude members from evaluation (reason: duplicate)</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {members.map((m) => (
            <label key={m.id} className="flex items-center gap-1.5">
              <input type="checkbox" checked={excluded.includes(m.id)}
                onChange={(e) => setExcluded((now) => (e.target.checked ? [...now, m.id] : now.filter((i) => i !== m.id)))} />
              {m.fileKey}
            </label>
          ))}
        </div>
        <Button variant="danger" disabled={pending || excluded.length === 0}
          onClick={() => run(() => excludeGroupMembersAction({ groupId, imageIds: excluded, seenVersions }), `${excluded.length} excluded from evaluation.`)}>
          Exclude from evaluation
        </Button>
      </fieldset>
      {message && <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-emerald-700" : "text-red-700"}>{message.text}</p>}
    </section>
  );
}
