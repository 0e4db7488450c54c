import { recordAudit } from "@/lib/audit/record";
import type { Db } from "@/lib/db";
import { ExpectedError, NotFoundError } from "@/lib/errors";
import { type ImportedDecision, parseDecisionLine } from "@/lib/validation/decision-import";

export interface DecisionImportResult {
  campaign: number;
  decisions: number;
  revisions: number;
  usersCreated: number;
  /** Decisions of a label source found in export records: they belong to that source's import. */
  skipped: number;
}

const MAX_ERRORS_SHOWN = 50;

function refuse(errors: string[]): never {
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  const more = errors.length > shown.length ? `\n… and ${errors.length - shown.length} more` : "";
  throw new ExpectedError(`Nothing was imported:\n${shown.join("\n")}${more}`);
}

/** Every line is parsed and checked before anything is written; the first problem does not hide the others. */
function parseFile(text: string): { decisions: ImportedDecision[]; skipped: number } {
  const errors: string[] = [];
  const decisions: ImportedDecision[] = [];
  let skipped = 0;
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === "") return;
    const parsed = parseDecisionLine(content, index + 1);
    if (parsed.ok) {
      decisions.push(...parsed.decisions);
      skipped += parsed.skipped;
    } else errors.push(...parsed.errors.map((error) => `line ${index + 1}: ${error}`));
  });
  if (errors.length) refuse(errors);
  if (decisions.length === 0) throw new ExpectedError("The file holds no decision.");
  return { decisions, skipped };
}

/**
 * Imports decisions made in an earlier round or another tool into a campaign: validated as a whole
 * file, then written in one transaction (all or nothing). Unknown e-mails become inactive annotators
 * only when asked (`createUsers`), so a typo cannot invent a person silently. Each imported
 * decision closes its queue slot, as a submitted one does.
 */
export async function importDecisions(db: Db, campaignId: number, text: string, options: { createUsers?: boolean; userId?: number | null } = {}): Promise<DecisionImportResult> {
  const { decisions, skipped } = parseFile(text);
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, datasetId: true } });
  if (!campaign) throw new NotFoundError(`Campaign ${campaignId}`);

  const errors: string[] = [];
  const files = [...new Set(decisions.map((d) => d.file))];
  const images = await db.image.findMany({
    where: { datasetId: campaign.datasetId, fileKey: { in: files } },
    select: { id: true, fileKey: true, campaigns: { where: { campaignId }, select: { imageId: true } } },
  });
  const imageOf = new Map(images.map((image) => [image.fileKey, image]));
  const emails = [...new Set(decisions.flatMap((d) => [d.annotator, ...(d.revisions ?? []).flatMap((r) => (r.editedBy ? [r.editedBy] : []))]))];
  const known = new Map((await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((u) => [u.email, u.id]));
  const seen = new Map<string, number>();
  // Which class indices exist is the taxonomy's to say, not the decision schema's.
  const classes = new Set((await db.imageClass.findMany({ select: { index: true } })).map((entry) => entry.index));
  for (const decision of decisions) {
    const at = `line ${decision.line}`;
    const unknownClasses = [...new Set([decision, ...(decision.revisions ?? [])].flatMap((d) => [...d.classes, ...d.candidateClasses]))].filter((index) => !classes.has(index));
    if (unknownClasses.length) errors.push(`${at}: class ${unknownClasses.join(", ")} is not one of the dataset's ${classes.size} classes`);
    const image = imageOf.get(decision.file);
    if (!image) errors.push(`${at}: unknown file name "${decision.file}" (not in the campaign's dataset)`);
    else if (image.campaigns.length === 0) errors.push(`${at}: "${decision.file}" is not in campaign ${campaignId}`);
    const key = `${decision.file}\u0000${decision.annotator}`;
    const first = seen.get(key);
    if (first !== undefined) errors.push(`${at}: a second decision by ${decision.annotator} on "${decision.file}" (first on line ${first})`);
    else seen.set(key, decision.line);
    if (!options.createUsers) {
      for (const email of new Set([decision.annotator, ...(decision.revisions ?? []).flatMap((r) => (r.editedBy ? [r.editedBy] : []))])) {
        if (!known.has(email)) errors.push(`${at}: unknown user ${email} (pass --create-users to create inactive annotators)`);
      }
    }
  }
  const existing = await db.decision.findMany({
    where: { campaignId, imageId: { in: images.map((i) => i.id) }, user: { email: { in: emails } } },
    select: { image: { select: { fileKey: true } }, user: { select: { email: true } } },
  });
  const taken = new Set(existing.map((d) => `${d.image.fileKey}\u0000${d.user?.email}`));
  for (const decision of decisions) {
    if (taken.has(`${decision.file}\u0000${decision.annotator}`)) errors.push(`line ${decision.line}: ${decision.annotator} already has a decision on "${decision.file}" in campaign ${campaignId}`);
  }
  if (errors.length) refuse(errors);

  return db.$transaction(
    async (tx) => {
      const missing = emails.filter((email) => !known.has(email));
      if (missing.length) {
        const created = await tx.user.createManyAndReturn({
          data: missing.map((email) => ({ email, name: email.split("@")[0]!, role: "ANNOTATOR" as const, active: false })),
          select: { id: true, email: true },
        });
        for (const user of created) known.set(user.email, user.id);
      }
      const now = new Date();
      const rows = decisions.map((d) => {
        const createdAt = d.createdAt ?? now;
        return {
          imageId: imageOf.get(d.file)!.id, campaignId, userId: known.get(d.annotator)!,
          classes: d.classes, ambiguity: d.ambiguity, candidateClasses: d.candidateClasses, outsideLabels: d.outsideLabels, notes: d.notes,
          timeSpentMs: d.timeSpentMs, shownClasses: d.shownClasses, shownSources: d.shownSources,
          version: d.revisions?.length || 1, createdAt, updatedAt: d.updatedAt ?? createdAt,
        };
      });
      const created = await tx.decision.createManyAndReturn({ data: rows, select: { id: true, imageId: true, userId: true } });
      const idOf = new Map(created.map((c) => [`${c.imageId}:${c.userId}`, c.id]));
      const revisions = decisions.flatMap((d, i) => {
        const row = rows[i]!;
        const decisionId = idOf.get(`${row.imageId}:${row.userId}`)!;
        const history = d.revisions?.length ? d.revisions : [{ ...d, version: 1, editedBy: d.annotator, createdAt: row.updatedAt }];
        return history.map((r) => ({
          decisionId, version: r.version, classes: r.classes, ambiguity: r.ambiguity, candidateClasses: r.candidateClasses,
          outsideLabels: r.outsideLabels, notes: r.notes, editedById: r.editedBy ? known.get(r.editedBy)! : null, createdAt: r.createdAt ?? row.updatedAt,
        }));
      });
      await tx.decisionRevision.createMany({ data: revisions });
      // The queue treats an imported decision like a submitted one: the slot is filled and nobody is handed the image again.
      await tx.assignment.createMany({
        data: rows.map((row) => ({ campaignId, imageId: row.imageId, userId: row.userId, status: "SUBMITTED" as const, claimedAt: row.createdAt, expiresAt: row.createdAt, finishedAt: row.updatedAt })),
        skipDuplicates: true,
      });
      await tx.$executeRaw`
        UPDATE campaign_images ci SET open_slots = greatest(0, ci.open_slots - filled.n)
        FROM (SELECT image_id, count(*)::int AS n FROM unnest(${rows.map((r) => r.imageId)}::int[]) AS image_id GROUP BY image_id) filled
        WHERE ci.campaign_id = ${campaignId} AND ci.image_id = filled.image_id`;
      const labels = [...new Set(rows.flatMap((row) => row.outsideLabels))];
      if (labels.length) await tx.vocabularyLabel.createMany({ data: labels.map((name) => ({ name })), skipDuplicates: true });
      const result = { campaign: campaignId, decisions: rows.length, revisions: revisions.length, usersCreated: missing.length, skipped };
      await recordAudit(tx, { userId: options.userId ?? null, action: "decisions.import", entity: "campaign", entityId: campaignId, details: { ...result } });
      return result;
    },
    { timeout: 300_000 },
  );
}
