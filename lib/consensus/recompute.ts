import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/campaigns/queue";
import {
  countByStatus,
  flagChangedSinceResolved,
  lockCampaignConsensus,
  outcomeOfRow,
  readDecisions,
  readStored,
  writeRows,
  type DecisionRow,
  type RowWrite,
  type StatusCounts,
  type StoredRow,
} from "@/lib/consensus/consensus-sql";
import { dawidSkeneConsensus, type LabeledImage } from "@/lib/consensus/dawid-skene";
import { computeConsensus, methodName, sameOutcome, type ComputedConsensus } from "@/lib/consensus/rules";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { ConsensusRule } from "@/lib/generated/prisma/enums";

export interface RecomputeOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; total: number }) => void;
  /** Store this rule first, inside the same lock, so no recomputation runs with a half-changed rule. */
  rule?: { rule: ConsensusRule; quorum: number | null };
  /** Who changed the rule: audited in the same transaction, so a failed recomputation leaves no entry for a rule that did not change. */
  actorId?: number | null;
}

export interface RecomputeSummary {
  campaign: number;
  rule: string;
  images: number;
  /** Rows written (outcome, status or counts changed). */
  changed: number;
  byStatus: StatusCounts;
  ms: number;
}

export interface CampaignRule {
  id: number;
  consensusRule: ConsensusRule;
  consensusQuorum: number | null;
  annotatorsPerImage: number;
}

const READ_RULE = { id: true, consensusRule: true, consensusQuorum: true, annotatorsPerImage: true } as const;

/**
 * Recomputes a whole campaign's consensus in one pass: reads all its decisions and stored rows
 * once, computes in memory, writes only the rows that changed. Under the campaign's exclusive
 * advisory lock, reading the rule inside it: a rule change waits for a running recomputation (and
 * vice versa), so the stored rows never mix two rules. Plain async function, so a job can run it.
 */
export async function recomputeCampaign(db: Db, campaignId: number, options: RecomputeOptions = {}): Promise<RecomputeSummary> {
  const started = performance.now();
  return db.$transaction(
    async (tx) => {
      await lockCampaignConsensus(tx, campaignId, "exclusive");
      const found = await tx.campaign.findUnique({ where: { id: campaignId }, select: { id: true } });
      if (!found) throw new NotFoundError("That campaign");
      const note = options.rule ? `rule changed to ${methodName(options.rule.rule, options.rule.quorum)}` : undefined;
      const campaign = options.rule
        ? await tx.campaign.update({ where: { id: campaignId }, data: { consensusRule: options.rule.rule, consensusQuorum: options.rule.quorum }, select: READ_RULE })
        : await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: READ_RULE });
      const changed = await recomputeWithin(tx, campaign, null, note, options);
      const counts = await countByStatus(tx, campaignId);
      if (options.rule && options.actorId !== undefined) {
        await recordAudit(tx, {
          userId: options.actorId,
          action: "campaign.consensus-rule",
          entity: "campaign",
          entityId: campaignId,
          details: { rule: methodName(campaign.consensusRule, campaign.consensusQuorum), changed },
        });
      }
      return {
        campaign: campaignId,
        rule: methodName(campaign.consensusRule, campaign.consensusQuorum),
        changed,
        ...counts,
        ms: Math.round(performance.now() - started),
      };
    },
    { timeout: 15 * 60_000, maxWait: 60_000 },
  );
}

/**
 * The cheap path after a submitted decision: only that image, inside the submit's transaction.
 * Dawid–Skene has no per-image form (its reliabilities come from the whole campaign), and a
 * whole-campaign pass is far too slow for a submit: under that rule nothing is computed here and
 * the answer is "campaign", for the caller to queue a recomputation in the same transaction.
 * `campaign` is the row the submit has just read (lockAssignmentForSubmit): a second read cost a round trip.
 */
export async function recomputeImage(tx: Tx, campaign: CampaignRule, imageId: number): Promise<"image" | "campaign"> {
  if (campaign.consensusRule === "DAWID_SKENE") return "campaign";
  await lockCampaignConsensus(tx, campaign.id, "shared");
  await recomputeWithin(tx, campaign, imageId, undefined, {});
  return "image";
}

async function recomputeWithin(tx: Tx, campaign: CampaignRule, imageId: number | null, note: string | undefined, options: RecomputeOptions): Promise<number> {
  // One connection per transaction: the two reads run one after the other.
  const decisions = await readDecisions(tx, campaign.id, imageId);
  const stored = await readStored(tx, { campaignId: campaign.id, imageId });
  options.signal?.throwIfAborted();
  const images = groupByImage(decisions);
  const computed = computeAll(campaign, images);
  const storedByImage = new Map(stored.map((row) => [row.image_id, row]));
  const method = methodName(campaign.consensusRule, campaign.consensusQuorum);

  const writes: RowWrite[] = [];
  const flagged: number[] = [];
  const imageIds = new Set([...computed.keys(), ...storedByImage.keys()]);
  for (const id of imageIds) {
    const row = storedByImage.get(id);
    const next = computed.get(id) ?? emptyConsensus(method);
    if (row && (row.status === "RESOLVED" || row.status === "EXCLUDED")) {
      const lastEdit = images.get(id)?.lastEditMs ?? 0;
      if (!row.changed_since_resolved && lastEdit > row.updated_ms) flagged.push(id);
      continue;
    }
    const write = diff(id, row, next);
    if (write) writes.push(write);
  }

  options.onProgress?.({ done: 0, total: writes.length });
  const recomputeNote = note ?? `recomputed: ${method}`;
  const written = await writeRows(tx, campaign.id, writes, recomputeNote, (done) => {
    options.signal?.throwIfAborted();
    options.onProgress?.({ done, total: writes.length });
  });
  await flagChangedSinceResolved(tx, campaign.id, flagged);
  return written.length;
}

interface ImageDecisions {
  decisions: LabeledImage["decisions"];
  lastEditMs: number;
}

function groupByImage(rows: readonly DecisionRow[]): Map<number, ImageDecisions> {
  const images = new Map<number, ImageDecisions>();
  for (const row of rows) {
    const entry = images.get(row.image_id) ?? { decisions: [], lastEditMs: 0 };
    entry.decisions.push({ annotator: row.annotator, outcome: outcomeOfRow(row) });
    entry.lastEditMs = Math.max(entry.lastEditMs, row.updated_ms);
    images.set(row.image_id, entry);
  }
  return images;
}

function computeAll(campaign: CampaignRule, images: Map<number, ImageDecisions>): Map<number, ComputedConsensus> {
  const required = campaign.annotatorsPerImage;
  if (campaign.consensusRule === "DAWID_SKENE") {
    return dawidSkeneConsensus([...images].map(([imageId, entry]) => ({ imageId, decisions: entry.decisions })), required);
  }
  const rule = campaign.consensusRule;
  return new Map(
    [...images].map(([imageId, entry]) => [
      imageId,
      computeConsensus(entry.decisions.map((d) => d.outcome), { rule, quorum: campaign.consensusQuorum, required }),
    ]),
  );
}

const emptyConsensus = (method: string): ComputedConsensus => ({ status: "UNLABELED", outcome: null, method, decisionCount: 0, agreement: null, posterior: null });

/** The write a stored row needs to match the computed consensus, or null when it already does. */
export function diff(imageId: number, row: StoredRow | undefined, next: ComputedConsensus): RowWrite | null {
  if (!row && next.status === "UNLABELED") return null;
  const revise = !row || row.status !== next.status || row.method !== next.method || !sameOutcome(row.status === "AGREED" ? outcomeOfRow(row) : null, next.outcome);
  const countsChanged = !row || row.decision_count !== next.decisionCount || !closeTo(row.agreement, next.agreement);
  if (!revise && !countsChanged) return null;
  return { imageId, status: next.status, outcome: next.outcome, method: next.method, decisionCount: next.decisionCount, agreement: next.agreement, posterior: next.posterior, revise };
}

const closeTo = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
