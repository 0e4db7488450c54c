"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { startExportAction } from "@/lib/actions/exports";
import type { ExportScopes } from "@/lib/data/exports";
import { type CleanRule, EXPORT_FORMAT_NAMES, type ExportFormatName } from "@/lib/validation/export";

const FORMAT_LABELS: Record<ExportFormatName, string> = {
  "real-json": "ReaL-style JSON (one label list per file number)",
  csv: "CSV (one line per image)",
  jsonl: "JSONL with full provenance",
  "clean-list": "Clean subset (file list)",
};

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100";

/** Pick a format and a scope (a dataset's own consensus or one campaign's); the clean subset takes its rule here. */
export function ExportForm({ scopes, defaultDataset }: { scopes: ExportScopes; defaultDataset: string }) {
  const router = useRouter();
  const [format, setFormat] = useState<ExportFormatName>("real-json");
  const initial = scopes.datasets.find((d) => d.slug === defaultDataset) ?? scopes.datasets[0];
  const [scope, setScope] = useState(initial ? `dataset:${initial.slug}` : "");
  const [clean, setClean] = useState<CleanRule>({ statuses: ["AGREED", "RESOLVED"], minDecisions: 1, excludeAmbiguous: true, excludeMultilabel: false, excludeDuplicates: false });
  const [message, setMessage] = useState<{ kind: "error" | "started"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    const [kind, value] = scope.split(/:(.*)/s) as [string, string];
    const result = await startExportAction({ format, dataset: kind === "dataset" ? value : null, campaignId: kind === "campaign" ? Number(value) : null, clean });
    setBusy(false);
    if (!result.ok) setMessage({ kind: "error", text: Object.values(result.fieldErrors ?? {}).flat()[0] ?? result.error });
    else {
      setMessage({ kind: "started", text: `Export ${result.data.exportId} started: queued for the next free worker; it appears in the history below.` });
      router.refresh();
    }
  }

  const toggleStatus = (status: "AGREED" | "RESOLVED", on: boolean) =>
    setClean((rule) => ({ ...rule, statuses: on ? [...new Set([...rule.statuses, status])] : rule.statuses.filter((s) => s !== status) }));

  return (
    <form onSubmit={submit} aria-label="New export" className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <div className="grid gap-4 md:grid-cols-2">
        <label className="block text-sm font-medium">
          Format
          <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormatName)} className={inputClass}>
            {EXPORT_FORMAT_NAMES.map((name) => (
              <option key={name} value={name}>
                {FORMAT_LABELS[name]}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value)} className={inputClass}>
            <optgroup label="Dataset-level consensus">
              {scopes.datasets.map((d) => (
                <option key={d.slug} value={`dataset:${d.slug}`}>
                  {d.name} ({d.slug})
                </option>
              ))}
            </optgroup>
            {scopes.campaigns.length > 0 && (
              <optgroup label="Campaign consensus">
                {scopes.campaigns.map((c) => (
                  <option key={c.id} value={`campaign:${c.id}`}>
                    #{c.id} {c.name} ({c.images.toLocaleString("en")} images)
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
      </div>
      {format === "clean-list" && (
        <fieldset className="grid gap-3 rounded-md border border-slate-200 p-4 text-sm md:grid-cols-3">
          <legend className="px-1 font-medium">Confident when</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={clean.statuses.includes("AGREED")} onChange={(e) => toggleStatus("AGREED", e.target.checked)} /> agreed
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={clean.statuses.includes("RESOLVED")} onChange={(e) => toggleStatus("RESOLVED", e.target.checked)} /> resolved by a reviewer
          </label>
          <label className="flex items-center gap-2">
            at least
            <input type="number" min={0} max={100} value={clean.minDecisions} onChange={(e) => setClean({ ...clean, minDecisions: Number(e.target.value) })} className="w-16 rounded-md border border-slate-300 px-2 py-1" aria-label="Minimum decisions" />
            decisions
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={clean.excludeAmbiguous} onChange={(e) => setClean({ ...clean, excludeAmbiguous: e.target.checked })} /> exclude ambiguous
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={clean.excludeMultilabel} onChange={(e) => setClean({ ...clean, excludeMultilabel: e.target.checked })} /> exclude multilabel
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={clean.excludeDuplicates} onChange={(e) => setClean({ ...clean, excludeDuplicates: e.target.checked })} /> exclude duplicates
          </label>
        </fieldset>
      )}
      <p className="text-sm text-slate-600">
        Labels are the consensus classes of agreed and resolved images; anything else exports as no label. ReaL JSON holds one list per validation file
        number (files without one are counted, not placed).
      </p>
      <div className="flex items-center gap-4">
        <Button type="submit" variant="primary" disabled={busy || !scope}>
          {busy ? "Starting…" : "Export"}
        </Button>
        {message && (
          <p role={message.kind === "error" ? "alert" : "status"} className={message.kind === "error" ? "text-sm text-red-700" : "text-sm text-slate-700"}>
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
