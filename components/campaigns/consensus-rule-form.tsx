"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { setConsensusRuleAction } from "@/lib/actions/review";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";
import { CONSENSUS_RULES } from "@/lib/validation/review";

const RULE_LABELS: Record<ConsensusRule, string> = {
  UNANIMOUS: "Unanimous: every decision the same",
  MAJORITY: "Majority: an outcome at least q decisions include",
  DAWID_SKENE: "Dawid–Skene: EM over each annotator's reliability",
};

/** The admin picks the rule; saving queues the whole campaign's recomputation (reviewers' resolutions are kept). */
export function ConsensusRuleForm({ campaignId, rule, quorum }: { campaignId: number; rule: ConsensusRule; quorum: number | null }) {
  const router = useRouter();
  const [chosen, setChosen] = useState<ConsensusRule>(rule);
  const [q, setQ] = useState(quorum === null ? "" : String(quorum));
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const result = await setConsensusRuleAction({ campaignId, rule: chosen, quorum: chosen === "MAJORITY" && q ? Number(q) : null });
        setPending(false);
        setMessage(result.ok ? { ok: true, text: `Saved ${result.data.rule}; the recomputation is queued (job ${result.data.jobId}).` } : { ok: false, text: result.error });
        router.refresh();
      }}
    >
      <label className="flex flex-col gap-1 text-sm text-slate-700">
        Consensus rule
        <select value={chosen} onChange={(event) => setChosen(event.target.value as ConsensusRule)} className="h-9 rounded-md bg-white px-2 ring-1 ring-slate-300">
          {CONSENSUS_RULES.map((value) => (
            <option key={value} value={value}>
              {RULE_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      {chosen === "MAJORITY" ? (
        <label className="flex flex-col gap-1 text-sm text-slate-700">
          Quorum q
          <input type="number" min={1} max={50} value={q} onChange={(event) => setQ(event.target.value)} placeholder="more than half" className="h-9 w-36 rounded-md bg-white px-2 ring-1 ring-slate-300" />
        </label>
      ) : null}
      <Button type="submit" variant="primary" disabled={pending}>
        {pending ? "Saving…" : "Save and recompute"}
      </Button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-800" : "text-sm text-red-700"}>
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
