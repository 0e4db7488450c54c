"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";
import { VALIDATION_PARAM } from "@/components/admin/import-address";
import { ImportValidationView } from "@/components/admin/import-validation";
import { Button } from "@/components/ui/button";
import { FieldError, invalidProps } from "@/components/ui/field-error";
import { startImportAction, validateImportAction } from "@/lib/actions/imports";
import type { RestoredValidation } from "@/lib/data/jobs";
import type { ImportOption } from "@/lib/import/kinds";
import type { FieldErrors } from "@/lib/validation/field-errors";
import type { ImportRequestInput } from "@/lib/validation/import";

interface KindInfo {
  name: string;
  description: string;
  target: "file" | "folder";
  options: ImportOption[];
}

type Outcome = { kind: "validating"; jobId: number; existing: boolean } | { kind: "error"; message: string; fieldErrors?: FieldErrors } | { kind: "started"; jobId: number; existing: boolean };

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100";

/**
 * Choose a kind and a server path (or upload a file), validate without writing, then import.
 * A restored validation fills the form with its request, so Import runs what was validated.
 */
export function ImportForm({ kinds, roots, defaultDataset, label = "New import", restored }: { kinds: KindInfo[]; roots: string[]; defaultDataset: string; label?: string; restored?: RestoredValidation | null }) {
  const router = useRouter();
  // A validation of a kind this form does not offer (the evaluation page offers predictions only) restores nothing but its result.
  const request = restored?.request && kinds.some((k) => k.name === restored.request!.kind) ? restored.request : null;
  const [kindName, setKindName] = useState(request?.kind ?? kinds[0]!.name);
  const [path, setPath] = useState(request?.path ?? "");
  const [uploaded, setUploaded] = useState(request ? restored!.uploadedName : null);
  const [dataset, setDataset] = useState(request?.dataset ?? defaultDataset);
  const [options, setOptions] = useState<Record<string, string | boolean>>(request?.options ?? {});
  const [outcome, setOutcome] = useState<Outcome | null>(restored ? { kind: "validating", jobId: restored.jobId, existing: true } : null);
  const [busy, setBusy] = useState<"upload" | "validate" | "import" | null>(null);
  const kind = kinds.find((k) => k.name === kindName)!;
  const fieldErrors = outcome?.kind === "error" ? (outcome.fieldErrors ?? {}) : {};
  const errorProps = (field: string) => invalidProps(`import-${field}-error`, fieldErrors[field]);
  const errorOf = (field: string) => <FieldError id={`import-${field}-error`} messages={fieldErrors[field]} />;

  async function upload(file: File) {
    setBusy("upload");
    setOutcome(null);
    const response = await fetch("/api/imports/upload", { method: "POST", body: file, headers: { "x-file-name": encodeURIComponent(file.name) } });
    const body = (await response.json()) as { path?: string; error?: string };
    setBusy(null);
    if (!body.path) return setOutcome({ kind: "error", message: body.error ?? "The upload failed." });
    setPath(body.path);
    setUploaded(file.name);
  }

  async function run(mode: "validate" | "import") {
    setBusy(mode);
    setOutcome(null);
    // Only the chosen kind's options: the server refuses any other (the state keeps those of kinds chosen before).
    const own = Object.fromEntries(kind.options.map((option) => [optionKey(option.flags), options[optionKey(option.flags)]]).filter(([, value]) => value !== undefined));
    const request = { kind: kindName, path, dataset, options: own } as ImportRequestInput;
    const result = mode === "validate" ? await validateImportAction(request) : await startImportAction(request);
    setBusy(null);
    if (!result.ok) return setOutcome({ kind: "error", message: result.error, fieldErrors: result.fieldErrors });
    setOutcome({ kind: mode === "validate" ? "validating" : "started", ...result.data });
    // Also renders the page again: the history lists the new job (a validation too).
    router.replace(addressWithValidation(mode === "validate" ? result.data.jobId : null), { scroll: false });
  }

  return (
    <form onSubmit={(event: FormEvent<HTMLFormElement>) => { event.preventDefault(); void run("import"); }} className="space-y-4 rounded-lg bg-white p-6 ring-1 ring-slate-200" aria-label={label}>
      <div className="grid gap-4 md:grid-cols-3">
        {/* A form offered for one kind only (the evaluation page's predictions) has nothing to choose. */}
        {kinds.length > 1 && (
          <label className="block text-sm font-medium">
            Kind
            <select value={kindName} onChange={(e) => { setKindName(e.target.value); setOptions({}); setOutcome(null); router.replace(addressWithValidation(null), { scroll: false }); }} className={inputClass}>
              {kinds.map((k) => (
                <option key={k.name} value={k.name}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className={kinds.length > 1 ? "md:col-span-2" : "md:col-span-3"}>
        <label className="block text-sm font-medium">
          Path on the server ({kind.target})
          <input value={path} onChange={(e) => { setPath(e.target.value); setUploaded(null); }} placeholder={`${roots[0]}/…`} className={inputClass} {...errorProps("path")} />
        </label>
          {errorOf("path")}
        </div>
      </div>
      <p className="text-sm text-slate-600">{kind.description}. Allowed folders: {roots.join(", ")}.</p>
      {kind.target === "file" && (
        <label className="block text-sm font-medium">
          …or upload a file
          <input type="file" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} className="mt-1 block text-sm" />
        </label>
      )}
      {uploaded && <p className="text-sm text-slate-600">Uploaded {uploaded}: the path above is where the server keeps it.</p>}
      <div className="grid gap-4 md:grid-cols-3">
        <div>
        <label className="block text-sm font-medium">
          Dataset
          <input value={dataset} onChange={(e) => setDataset(e.target.value)} className={inputClass} {...errorProps("dataset")} />
        </label>
          {errorOf("dataset")}
        </div>
        {kind.options.map((option) => {
          const key = optionKey(option.flags);
          return (
            <OptionField key={option.flags} option={option} value={options[key]} onChange={(value) => setOptions({ ...options, [key]: value })}>
              {errorOf(`options.${key}`)}
            </OptionField>
          );
        })}
      </div>
      <div className="flex gap-3">
        <Button variant="secondary" disabled={busy !== null || !path} onClick={() => void run("validate")}>
          {busy === "validate" ? "Validating…" : "Validate"}
        </Button>
        <Button type="submit" variant="primary" disabled={busy !== null || !path}>
          {busy === "import" ? "Starting…" : "Import"}
        </Button>
        {busy === "upload" && <span className="self-center text-sm text-slate-600">Uploading…</span>}
      </div>
      {outcome && <OutcomeView outcome={outcome} />}
    </form>
  );
}

/** The address naming the validation on screen (replaced, not pushed: no history entry per click), so a reload shows it again. */
function addressWithValidation(jobId: number | null): string {
  const url = new URL(window.location.href);
  if (jobId === null) url.searchParams.delete(VALIDATION_PARAM);
  else url.searchParams.set(VALIDATION_PARAM, String(jobId));
  return `${url.pathname}${url.search}`;
}

/** "--no-inspect" → "inspect" (false when set), "--scores <file>" → "scores": commander's keys. */
function optionKey(flags: string): string {
  const long = flags.split(" ")[0]!.replace(/^--(no-)?/, "");
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function OptionField({ option, value, onChange, children }: { option: ImportOption; value: string | boolean | undefined; onChange: (value: string | boolean) => void; children: ReactNode }) {
  const negated = option.flags.startsWith("--no-");
  const takesValue = option.flags.includes("<");
  if (!takesValue) {
    return (
      <label className="flex items-center gap-2 self-end pb-2 text-sm">
        <input type="checkbox" checked={negated ? value === false : value === true} onChange={(e) => onChange(negated ? !e.target.checked : e.target.checked)} />
        {option.description}
        {children}
      </label>
    );
  }
  return (
    <label className="block text-sm font-medium">
      {option.description}
      {option.choices ? (
        <select value={String(value ?? option.choices[0])} onChange={(e) => onChange(e.target.value)} className={inputClass}>
          {option.choices.map((choice) => (
            <option key={choice}>{choice}</option>
          ))}
        </select>
      ) : (
        <input value={String(value ?? "")} onChange={(e) => onChange(e.target.value)} className={inputClass} />
      )}
      {children}
    </label>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === "validating") return <ImportValidationView key={outcome.jobId} jobId={outcome.jobId} existing={outcome.existing} />;
  if (outcome.kind === "error") {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        {outcome.message}
      </p>
    );
  }
  return (
    <p role="status" className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900">
      {outcome.existing ? `The same import is already queued or running as #${outcome.jobId}; follow it below.` : `Import #${outcome.jobId} started: queued for the next free worker; follow it below.`}
    </p>
  );
}
