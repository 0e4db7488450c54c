import type { Db } from "@/lib/db";

/** Every action name the audit log knows; the audit page filters by these. */
export const AUDIT_ACTIONS = [
  "auth.sign-in",
  "auth.sign-in-failed",
  "auth.sign-out",
  "user.create",
  "user.disable",
  "user.enable",
  "user.role",
  "user.password-reset",
  "user.password-change",
  "job.queue",
  "job.finish",
  "data.import",
  "export.start",
  "decisions.import",
  "campaign.create",
  "campaign.active",
  "campaign.closed",
  "campaign.draft",
  "campaign.consensus-rule",
  "consensus.resolved",
  "consensus.excluded",
  "consensus.send-back",
  "duplicates.verdict",
  "duplicates.apply-label",
  "duplicates.exclude",
  "duplicates.scan",
  "permission.denied",
  "gold.mark",
  "gold.unmark",
  "member.pause",
  "member.resume",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ENTITIES = ["user", "job", "export", "campaign", "action", "consensus", "campaign-image", "duplicate_group", "dataset", "image"] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export interface AuditEntry {
  /** Who did it; null when nobody is signed in (a failed sign-in, a start-up job). */
  userId: number | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  /** Never a password or a token: only what an auditor needs to read. */
  details?: Record<string, unknown>;
}

/** Either the app's client or a transaction's: pass the transaction so the entry commits or rolls back with the change it records. */
export type AuditWriter = Pick<Db, "auditLog">;

export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      userId: entry.userId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      details: (entry.details ?? {}) as object,
    },
  });
}
