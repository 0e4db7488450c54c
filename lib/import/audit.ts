import { type AuditWriter, recordAudit } from "@/lib/audit/record";
import type { ImportSummary } from "@/lib/import/run/context";

/**
 * One "data.import" entry per finished import, from the web's job and the CLI alike (null user:
 * the CLI), so the audit log lists every import wherever it ran. Written after the import's own
 * transactions commit: an import that fails leaves no entry.
 */
export function recordImport(db: AuditWriter, entry: { userId: number | null; dataset: string; kind: string; path: string; summaries: readonly ImportSummary[] }) {
  return recordAudit(db, {
    userId: entry.userId,
    action: "data.import",
    entity: "dataset",
    entityId: entry.dataset,
    details: { kind: entry.kind, path: entry.path, sources: entry.summaries.map(({ kind, source, stored }) => ({ kind, source: source ?? null, stored })) },
  });
}
