/**
 * The export's SQL: each query yields one JSON text per image, in file order, for
 * `COPY (…) TO STDOUT`. COPY takes no bind parameters, so the only values spliced in are ids
 * checked to be safe integers here.
 */
export interface ExportScope {
  datasetId: number;
  /** Null: the dataset-level consensus (and every decision on the image). */
  campaignId: number | null;
}

function id(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`Not an id: ${value}`);
  return String(value);
}

/** UTC timestamps (stored without zone) as ISO 8601 with milliseconds, as JavaScript prints them. */
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function scoped({ datasetId, campaignId }: ExportScope) {
  const campaign = campaignId === null ? null : id(campaignId);
  return {
    from: `images i ${campaign ? `JOIN campaign_images ci ON ci.image_id = i.id AND ci.campaign_id = ${campaign}` : ""}
      LEFT JOIN consensus c ON c.image_id = i.id AND c.campaign_id ${campaign ? `= ${campaign}` : "IS NULL"}`,
    where: `i.dataset_id = ${id(datasetId)}`,
    decisions: campaign ? `AND d.campaign_id = ${campaign}` : "",
    // ReaL numbering belongs to the validation split; other files sort after, by name.
    order: `ORDER BY CASE WHEN i.split = 'VAL' THEN i.file_number END NULLS LAST, i.file_key`,
  };
}

/** One ConsensusRow (lib/export/formats.ts) per image in scope; images without a consensus row are UNLABELED. */
export function consensusRowsSql(scope: ExportScope): string {
  const s = scoped(scope);
  return `SELECT json_build_object(
      'n', CASE WHEN i.split = 'VAL' THEN i.file_number END,
      'file', i.file_key,
      'status', coalesce(c.status::text, 'UNLABELED'),
      'classes', coalesce(c.classes, '{}'),
      'ambiguity', c.ambiguity,
      'candidateClasses', coalesce(c.candidate_classes, '{}'),
      'outsideLabels', coalesce(c.outside_labels, '{}'),
      'excludeReason', c.exclude_reason,
      'method', c.method,
      'decisionCount', coalesce(c.decision_count, 0),
      'agreement', c.agreement,
      'updatedAt', ${iso("c.updated_at")},
      'duplicate', EXISTS (SELECT 1 FROM duplicate_members dm WHERE dm.image_id = i.id)
    )::text
    FROM ${s.from} WHERE ${s.where} ${s.order}`;
}

/**
 * One provenance record per image: every source verdict and prediction, every decision with its
 * revisions (each decision in the shape `decisions import` reads), and the consensus with its history.
 */
export function provenanceRowsSql(scope: ExportScope): string {
  const s = scoped(scope);
  return `SELECT json_build_object(
      'file', i.file_key,
      'fileNumber', i.file_number,
      'split', i.split,
      'sources', coalesce((
        SELECT json_agg(json_build_object('source', ls.name, 'kind', ls.kind, 'status', sl.status, 'classes', sl.classes,
            'category', sl.category, 'manuallyValidated', sl.manually_validated, 'scores', sl.scores, 'votes', sl.votes, 'details', sl.details)
          ORDER BY ls.name)
        FROM source_labels sl JOIN label_sources ls ON ls.id = sl.source_id WHERE sl.image_id = i.id), '[]'),
      'predictions', coalesce((
        SELECT json_agg(json_build_object('source', ls.name, 'classes', p.classes, 'scores', p.scores) ORDER BY ls.name)
        FROM predictions p JOIN label_sources ls ON ls.id = p.source_id WHERE p.image_id = i.id), '[]'),
      'decisions', coalesce((
        SELECT json_agg(json_build_object('file', i.file_key, 'annotator', u.email, 'source', dls.name, 'campaign', d.campaign_id,
            'classes', d.classes, 'ambiguity', d.ambiguity, 'candidateClasses', d.candidate_classes, 'outsideLabels', d.outside_labels,
            'notes', d.notes, 'timeSpentMs', d.time_spent_ms, 'shownClasses', d.shown_classes, 'shownSources', d.shown_sources,
            'version', d.version, 'createdAt', ${iso("d.created_at")}, 'updatedAt', ${iso("d.updated_at")},
            'revisions', coalesce((
              SELECT json_agg(json_build_object('version', r.version, 'classes', r.classes, 'ambiguity', r.ambiguity,
                  'candidateClasses', r.candidate_classes, 'outsideLabels', r.outside_labels, 'notes', r.notes,
                  'editedBy', eu.email, 'createdAt', ${iso("r.created_at")})
                ORDER BY r.version)
              FROM decision_revisions r LEFT JOIN users eu ON eu.id = r.edited_by_id WHERE r.decision_id = d.id), '[]'))
          ORDER BY d.id)
        FROM decisions d LEFT JOIN users u ON u.id = d.user_id LEFT JOIN label_sources dls ON dls.id = d.source_id
        WHERE d.image_id = i.id ${s.decisions}), '[]'),
      'consensus', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object(
        'status', c.status, 'classes', c.classes, 'ambiguity', c.ambiguity, 'candidateClasses', c.candidate_classes,
        'outsideLabels', c.outside_labels, 'excludeReason', c.exclude_reason, 'method', c.method,
        'decisionCount', c.decision_count, 'agreement', c.agreement, 'posterior', c.posterior, 'note', c.note,
        'changedSinceResolved', c.changed_since_resolved, 'resolvedBy', ru.email, 'version', c.version,
        'updatedAt', ${iso("c.updated_at")},
        'history', coalesce((
          SELECT json_agg(json_build_object('version', cr.version, 'status', cr.status, 'classes', cr.classes,
              'ambiguity', cr.ambiguity, 'candidateClasses', cr.candidate_classes, 'outsideLabels', cr.outside_labels,
              'excludeReason', cr.exclude_reason, 'method', cr.method, 'note', cr.note, 'reviewer', rv.email,
              'createdAt', ${iso("cr.created_at")})
            ORDER BY cr.version)
          FROM consensus_revisions cr LEFT JOIN users rv ON rv.id = cr.reviewer_id WHERE cr.consensus_id = c.id), '[]'))
      END
    )::text
    FROM ${s.from} LEFT JOIN users ru ON ru.id = c.resolved_by_id
    WHERE ${s.where} ${s.order}`;
}

/** The consensus state a file is made from: rows in scope and their latest change (read in the export's snapshot). */
export function consensusVersionSql(scope: ExportScope): string {
  const s = scoped(scope);
  return `SELECT count(c.id)::int AS rows, ${iso("max(c.updated_at)")} AS updated_at FROM ${s.from} WHERE ${s.where}`;
}

/** How many positions the ReaL list has: the highest validation file number in the dataset. */
export function realPositionsSql(scope: ExportScope): string {
  return `SELECT coalesce(max(file_number), 0)::int AS positions FROM images WHERE dataset_id = ${id(scope.datasetId)} AND split = 'VAL'`;
}
