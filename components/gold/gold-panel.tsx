import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { setMemberPausedAction } from "@/lib/actions/gold";
import { describeOutcome } from "@/lib/consensus/describe";
import type { GoldReport } from "@/lib/gold/report";

const percent = (value: number | null) => (value === null ? "–" : `${Math.round(value * 100)}%`);

/** Each member's gold accuracy with the images missed, and pause/resume (admins only: the page checks campaign:manage). */
export function GoldPanel({ report }: { report: GoldReport }) {
  return (
    <section aria-labelledby="gold-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h2 id="gold-heading" className="font-semibold">Gold accuracy</h2>
        <p className="text-sm text-slate-600">
          {report.goldImages} gold images, {percent(report.goldShare)} of each queue ·{" "}
          {report.pauseBelow === null ? "no automatic pause" : `pauses below ${percent(report.pauseBelow)} Jaccard after ${report.minAnswers} gold answers`}
        </p>
        <p className="text-xs text-slate-500">
          Exact: the whole outcome (class set and markers) equals the gold answer. Jaccard: mean |A ∩ G| / |A ∪ G| of the outcome items, as in the consensus. Gold images are left out of the consensus and agreement.
        </p>
      </div>
      <table className="w-full text-sm">
        <caption className="sr-only">Gold accuracy per annotator</caption>
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1 pr-3 font-medium">Annotator</th>
            <th className="py-1 pr-3 text-right font-medium">Gold answers</th>
            <th className="py-1 pr-3 text-right font-medium">Exact</th>
            <th className="py-1 pr-3 text-right font-medium">Jaccard</th>
            <th className="py-1 pr-3 font-medium">Missed</th>
            <th className="py-1 font-medium">Status</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {report.annotators.map((row) => (
            <tr key={row.userId} className="align-top">
              <td className="py-2 pr-3">{row.name} <span className="text-slate-500">{row.email}</span></td>
              <td className="py-2 pr-3 text-right tabular-nums">{row.answers}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{percent(row.exact)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{percent(row.jaccard)}</td>
              <td className="py-2 pr-3">
                {row.missed.length === 0 ? (
                  <span className="text-slate-500">none</span>
                ) : (
                  <ul className="space-y-0.5">
                    {row.missed.map((miss) => (
                      <li key={miss.imageId}>
                        <Link href={`/review/${miss.imageId}/timeline`} className="font-mono text-indigo-700 hover:underline">{miss.file}</Link>{" "}
                        <span className="text-slate-600">answered {describeOutcome(miss.answer, String)}, gold {describeOutcome(miss.gold, String)}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="py-2">
                <div className="flex flex-col items-start gap-1">
                  {row.paused && <span className="text-xs font-medium text-red-700">Paused{row.pausedReason ? `: ${row.pausedReason}` : ""}</span>}
                  <ActionButton
                    action={setMemberPausedAction}
                    input={{ campaignId: report.campaign, userId: row.userId, paused: !row.paused }}
                    label={`${row.paused ? "Resume" : "Pause"} ${row.name}`}
                    variant={row.paused ? "secondary" : "danger"}
                    size="md"
                  >
                    {row.paused ? "Resume" : "Pause"}
                  </ActionButton>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
