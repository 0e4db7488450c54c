"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, invalidProps } from "@/components/ui/field-error";
import { createCampaignAction, previewSelectionAction } from "@/lib/actions/campaigns";
import type { Selection, SelectionRule } from "@/lib/validation/campaign";
import { classIndexRange } from "@/lib/validation/decision";
import type { FieldErrors } from "@/lib/validation/field-errors";

interface Props {
  dataset: string;
  sources: { name: string; title: string; kind: string }[];
  groups: { id: number; label: string }[];
  users: { id: number; name: string; role: string }[];
  /** The taxonomy's size, for the class index hint. */
  classCount: number;
}

const RULES: { kind: SelectionRule["kind"]; label: string }[] = [
  { kind: "disagreement", label: "Images where sources disagree" },
  { kind: "original-outside", label: "Original label outside a study's set" },
  { kind: "most-suspect", label: "The most suspect images (of these classes)" },
  { kind: "classes", label: "By original class" },
  { kind: "class-group", label: "By problematic class group" },
  { kind: "split", label: "By split" },
  { kind: "list", label: "Explicit list of files" },
  { kind: "all", label: "All images" },
];

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-100";

/** Create a campaign: which images (one rule, optionally sampled), how many annotators each, blind or not, who works on it. */
export function CampaignForm({ dataset, sources, groups, users, classCount }: Props) {
  const router = useRouter();
  const studies = sources.filter((source) => source.kind !== "MODEL");
  const [ruleKind, setRuleKind] = useState<SelectionRule["kind"]>("disagreement");
  const [suspectCount, setSuspectCount] = useState("2000");
  const [chosenSources, setChosenSources] = useState<string[]>(studies.map((s) => s.name));
  const [source, setSource] = useState(studies.find((s) => s.kind === "STUDY")?.name ?? "");
  const [classes, setClasses] = useState("");
  const [groupId, setGroupId] = useState(groups[0]?.id ?? 0);
  const [split, setSplit] = useState<"VAL" | "TRAIN" | "TEST">("VAL");
  const [files, setFiles] = useState("");
  const [withPixels, setWithPixels] = useState(true);
  const [sample, setSample] = useState("");
  const [members, setMembers] = useState<number[]>(users.filter((u) => u.role === "ANNOTATOR").map((u) => u.id));
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  // Errors of the selection (its rule's classes, files, sample) all belong beside the selection details.
  const selectionErrors = Object.entries(fieldErrors).filter(([key]) => key === "selection" || key.startsWith("selection.")).flatMap(([, messages]) => messages);
  const errorProps = (field: string) => invalidProps(`campaign-${field}-error`, fieldErrors[field]);
  const errorOf = (field: string) => <FieldError id={`campaign-${field}-error`} messages={fieldErrors[field]} />;

  function selection(): Selection {
    const rule: SelectionRule = (() => {
      switch (ruleKind) {
        case "disagreement": return { kind: ruleKind, sources: chosenSources };
        case "original-outside": return { kind: ruleKind, source };
        case "classes": return { kind: ruleKind, classes: classes.split(/[\s,]+/).filter(Boolean).map(Number) };
        case "class-group": return { kind: ruleKind, groupId };
        case "split": return { kind: ruleKind, split };
        case "list": return { kind: ruleKind, fileKeys: files.split(/\s+/).filter(Boolean) };
        case "all": return { kind: ruleKind };
        case "most-suspect": return { kind: ruleKind, count: Number(suspectCount), classes: classes.split(/[\s,]+/).filter(Boolean).map(Number) };
      }
    })();
    return { rule, withPixels, ...(sample ? { sample: Number(sample) } : {}) };
  }

  async function preview() {
    setBusy(true);
    const result = await previewSelectionAction({ dataset, selection: selection() });
    setBusy(false);
    setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    setMessage(result.ok ? { tone: "info", text: `${result.data.images.toLocaleString("en")} images match.` } : { tone: "error", text: result.error });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const result = await createCampaignAction({
      name: String(form.get("name") ?? ""),
      instructions: String(form.get("instructions") ?? ""),
      dataset,
      selection: selection(),
      annotatorsPerImage: Number(form.get("annotatorsPerImage")),
      showPriorLabels: form.get("showPriorLabels") === "on",
      claimTtlMinutes: Number(form.get("claimTtlMinutes")),
      memberIds: members,
      gold: {
        share: Number(form.get("goldPercent") || 0) / 100,
        pauseBelow: form.get("goldPauseBelow") ? Number(form.get("goldPauseBelow")) / 100 : null,
        minAnswers: Number(form.get("goldMinAnswers") || 5),
      },
    });
    setBusy(false);
    if (result.ok) router.push(`/admin/campaigns/${result.data.campaignId}`);
    else {
      setFieldErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.error });
    }
  }

  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  return (
    <form onSubmit={submit} aria-label="New campaign" className="space-y-5 rounded-lg bg-white p-6 ring-1 ring-slate-200">
      <div className="grid gap-4 md:grid-cols-2">
        <div><label className="block text-sm font-medium">Name<input name="name" required className={field} {...errorProps("name")} /></label>{errorOf("name")}</div>
        <label className="block text-sm font-medium">
          Images
          <select value={ruleKind} onChange={(e) => setRuleKind(e.target.value as SelectionRule["kind"])} className={field}>
            {RULES.map((rule) => <option key={rule.kind} value={rule.kind}>{rule.label}</option>)}
          </select>
        </label>
      </div>
      <fieldset className="rounded-md bg-slate-50 p-4 text-sm">
        <legend className="sr-only">Selection details</legend>
        {ruleKind === "disagreement" && (
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {studies.map((s) => (
              <label key={s.name} className="flex items-center gap-2">
                <input type="checkbox" checked={chosenSources.includes(s.name)} onChange={() => setChosenSources(toggle(chosenSources, s.name))} />
                {s.title}
              </label>
            ))}
          </div>
        )}
        {ruleKind === "original-outside" && (
          <label className="block font-medium">Study<select value={source} onChange={(e) => setSource(e.target.value)} className={field}>{studies.filter((s) => s.kind === "STUDY").map((s) => <option key={s.name} value={s.name}>{s.title}</option>)}</select></label>
        )}
        {ruleKind === "classes" && <label className="block font-medium">Class indices ({classIndexRange(classCount)}), separated by commas<input value={classes} onChange={(e) => setClasses(e.target.value)} placeholder="356, 357, 358, 359" className={field} /></label>}
        {ruleKind === "class-group" && (
          <label className="block font-medium">Group<select value={groupId} onChange={(e) => setGroupId(Number(e.target.value))} className={field}>{groups.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}</select></label>
        )}
        {ruleKind === "split" && (
          <label className="block font-medium">Split<select value={split} onChange={(e) => setSplit(e.target.value as typeof split)} className={field}><option value="VAL">validation</option><option value="TRAIN">training</option><option value="TEST">test</option></select></label>
        )}
        {ruleKind === "list" && <label className="block font-medium">File names, one per line<textarea value={files} onChange={(e) => setFiles(e.target.value)} rows={4} className={field} /></label>}
        {ruleKind === "all" && <p className="text-slate-600">Every image of the dataset.</p>}
        {ruleKind === "most-suspect" && (
          <>
            <label className="block font-medium">How many images<input type="number" min={1} value={suspectCount} onChange={(e) => setSuspectCount(e.target.value)} className={field} /></label>
            <label className="block font-medium">Of these class indices (empty: all classes)<input value={classes} onChange={(e) => setClasses(e.target.value)} placeholder="356, 357" className={field} /></label>
          </>
        )}
        <div className="mt-3 flex flex-wrap items-end gap-5">
          <label className="flex items-center gap-2"><input type="checkbox" checked={withPixels} onChange={(e) => setWithPixels(e.target.checked)} />Only images whose pixels are available</label>
          <label className="block font-medium">Random sample of at most<input value={sample} onChange={(e) => setSample(e.target.value.replace(/\D/g, ""))} inputMode="numeric" placeholder="all" className={`${field} w-32`} /></label>
          <Button onClick={() => void preview()} disabled={busy}>Count images</Button>
        </div>
        <FieldError id="campaign-selection-error" messages={selectionErrors} />
      </fieldset>
      <div className="grid gap-4 md:grid-cols-3">
        <div><label className="block text-sm font-medium">Annotators per image<input name="annotatorsPerImage" type="number" min={1} max={20} defaultValue={2} className={field} {...errorProps("annotatorsPerImage")} /></label>{errorOf("annotatorsPerImage")}</div>
        <div><label className="block text-sm font-medium">Claim expires after (minutes)<input name="claimTtlMinutes" type="number" min={1} defaultValue={30} className={field} {...errorProps("claimTtlMinutes")} /></label>{errorOf("claimTtlMinutes")}</div>
        <label className="flex items-center gap-2 self-end pb-2 text-sm"><input name="showPriorLabels" type="checkbox" defaultChecked />Show prior labels and model predictions (off: a blind pass)</label>
      </div>
      <fieldset className="grid gap-4 md:grid-cols-3">
        <legend className="mb-1 text-sm font-medium">Gold images (known answers, mixed unannounced into every annotator&apos;s queue)</legend>
        <label className="block text-sm">Share of each queue (%)<input name="goldPercent" type="number" min={0} max={50} defaultValue={0} className={field} /></label>
        <label className="block text-sm">Pause an annotator below (% Jaccard accuracy; empty: never)<input name="goldPauseBelow" type="number" min={0} max={100} className={field} /></label>
        <label className="block text-sm">…after this many gold answers<input name="goldMinAnswers" type="number" min={1} defaultValue={5} className={field} /></label>
      </fieldset>
      <div><label className="block text-sm font-medium">Instructions (Markdown)<textarea name="instructions" rows={4} className={field} {...errorProps("instructions")} /></label>{errorOf("instructions")}</div>
      <fieldset className="text-sm">
        <legend className="font-medium">Members</legend>
        <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
          {users.map((user) => (
            <label key={user.id} className="flex items-center gap-2">
              <input type="checkbox" checked={members.includes(user.id)} onChange={() => setMembers(toggle(members, user.id))} />
              {user.name} <span className="text-slate-500">({user.role.toLowerCase()})</span>
            </label>
          ))}
        </div>
        {errorOf("memberIds")}
      </fieldset>
      {message && <p role={message.tone === "error" ? "alert" : "status"} className={message.tone === "error" ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" : "rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900"}>{message.text}</p>}
      <Button type="submit" variant="primary" disabled={busy}>Create campaign</Button>
    </form>
  );
}
