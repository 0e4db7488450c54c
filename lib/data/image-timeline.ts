import "server-only";
import { describeOutcome } from "@/lib/consensus/describe";
import { db } from "@/lib/db";
import type { DecisionOutcome } from "@/lib/decisions/outcome";
import { NotFoundError } from "@/lib/errors";
import { STATUS_TEXT } from "@/lib/labeling/source-format";

export interface TimelineEvent {
  at: string;
  kind: "source" | "model" | "decision" | "consensus" | "review" | "send-back";
  /** Who or what: a source title, an annotator, "computed", a reviewer. */
  actor: string;
  /** Where: the campaign's name, "dataset" for the dataset-level consensus, empty for sources. */
  context: string;
  summary: string;
  note: string;
}

const outcomeOf = (row: { classes: number[]; ambiguity: DecisionOutcome["ambiguity"]; candidateClasses: number[]; outsideLabels: string[] }): DecisionOutcome => ({
  classes: row.classes,
  ambiguity: row.ambiguity,
  candidateClasses: row.candidateClasses,
  outsideLabels: row.outsideLabels,
});

/** Everything that happened to one image, oldest first: source verdicts, decision versions, consensus revisions, reviews. */
export async function getImageTimeline(imageId: number): Promise<{ fileKey: string; events: TimelineEvent[] }> {
  const image = await db.image.findUnique({ where: { id: imageId }, select: { fileKey: true } });
  if (!image) throw new NotFoundError("That image");
  const [labels, predictions, revisions, consensus, sendBacks] = await Promise.all([
    db.sourceLabel.findMany({ where: { imageId }, select: { status: true, classes: true, source: { select: { title: true, importedAt: true, version: true } } } }),
    db.prediction.findMany({ where: { imageId }, select: { classes: true, source: { select: { title: true, importedAt: true } } } }),
    db.decisionRevision.findMany({
      where: { decision: { imageId } },
      select: {
        version: true, classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true, notes: true, createdAt: true,
        editedBy: { select: { name: true } },
        decision: { select: { campaign: { select: { name: true } }, user: { select: { name: true } }, source: { select: { title: true } } } },
      },
    }),
    db.consensusRevision.findMany({
      where: { consensus: { imageId } },
      select: {
        version: true, status: true, classes: true, ambiguity: true, candidateClasses: true, outsideLabels: true, excludeReason: true, method: true, note: true, createdAt: true,
        reviewer: { select: { name: true } },
        consensus: { select: { campaign: { select: { name: true } } } },
      },
    }),
    db.auditLog.findMany({ where: { action: "consensus.send-back", entityId: { endsWith: `:${imageId}` } }, select: { at: true, entityId: true, user: { select: { name: true } } } }),
  ]);
  const indices = new Set<number>([
    ...labels.flatMap((l) => l.classes),
    ...predictions.flatMap((p) => p.classes.slice(0, 5)),
    ...revisions.flatMap((r) => [...r.classes, ...r.candidateClasses]),
    ...consensus.flatMap((r) => [...r.classes, ...r.candidateClasses]),
  ]);
  const classes = await db.imageClass.findMany({ where: { index: { in: [...indices] } }, select: { index: true, lemmas: true } });
  const names = new Map(classes.map((c) => [c.index, c.lemmas[0] ?? `class ${c.index}`]));
  const nameOf = (index: number) => names.get(index) ?? `class ${index}`;

  const events: TimelineEvent[] = [
    ...labels.map((l): TimelineEvent => ({
      at: l.source.importedAt.toISOString(),
      kind: "source",
      actor: l.source.title + (l.source.version ? ` (${l.source.version})` : ""),
      context: "",
      summary: l.classes.length > 0 ? `${l.status === "LABELED" ? "" : `${STATUS_TEXT[l.status]}: `}${l.classes.map(nameOf).join(", ")}` : STATUS_TEXT[l.status],
      note: "",
    })),
    ...predictions.map((p): TimelineEvent => ({
      at: p.source.importedAt.toISOString(),
      kind: "model",
      actor: p.source.title,
      context: "",
      summary: `top-${Math.min(5, p.classes.length)}: ${p.classes.slice(0, 5).map(nameOf).join(", ")}`,
      note: "",
    })),
    ...revisions.map((r): TimelineEvent => ({
      at: r.createdAt.toISOString(),
      kind: "decision",
      actor: r.editedBy?.name ?? r.decision.user?.name ?? r.decision.source?.title ?? "imported",
      context: r.decision.campaign?.name ?? "",
      summary: `${r.version > 1 ? `edited (version ${r.version}): ` : ""}${describeOutcome(outcomeOf(r), nameOf)}`,
      note: r.notes,
    })),
    ...consensus.map((r): TimelineEvent => ({
      at: r.createdAt.toISOString(),
      kind: r.reviewer ? "review" : "consensus",
      actor: r.reviewer?.name ?? "computed",
      context: r.consensus.campaign?.name ?? "dataset",
      summary: `${r.status.toLowerCase().replace("_", " ")}${r.status === "EXCLUDED" ? ` (${r.excludeReason ?? ""})` : r.status === "AGREED" || r.status === "RESOLVED" ? `: ${describeOutcome(outcomeOf(r), nameOf)}` : ""} · ${r.method} · v${r.version}`,
      note: r.note,
    })),
    ...sendBacks.map((s): TimelineEvent => ({
      at: s.at.toISOString(),
      kind: "send-back",
      actor: s.user?.name ?? "a reviewer",
      context: `campaign ${s.entityId?.split(":")[0] ?? ""}`,
      summary: "sent back for one more annotation",
      note: "",
    })),
  ];
  events.sort((a, b) => a.at.localeCompare(b.at));
  return { fileKey: image.fileKey, events };
}
