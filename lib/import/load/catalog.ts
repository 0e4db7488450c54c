import type pg from "pg";
import type { ClassGroupRecord, ClassRecord } from "@/lib/import/records";
import { copyRows } from "@/lib/import/load/copy";

export interface DatasetSpec {
  slug: string;
  name: string;
  description?: string;
  imageRoot?: string | null;
  urlTemplate?: string | null;
}

export async function upsertDataset(client: pg.Client, spec: DatasetSpec): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO datasets (slug, name, description, image_root, url_template)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (slug) DO UPDATE SET
       name = EXCLUDED.name,
       description = EXCLUDED.description,
       image_root = COALESCE(EXCLUDED.image_root, datasets.image_root),
       url_template = COALESCE(EXCLUDED.url_template, datasets.url_template)
     RETURNING id`,
    [spec.slug, spec.name, spec.description ?? "", spec.imageRoot ?? null, spec.urlTemplate ?? null],
  );
  return rows[0]!.id;
}

export async function findDatasetId(client: pg.Client, slug: string): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>("SELECT id FROM datasets WHERE slug = $1", [slug]);
  return rows[0]?.id ?? null;
}

/** Classes are updated in place (their index is referenced everywhere), never deleted. */
export async function upsertClasses(client: pg.Client, classes: readonly ClassRecord[]): Promise<void> {
  await client.query("CREATE TEMP TABLE incoming_classes (LIKE classes INCLUDING DEFAULTS) ON COMMIT DROP");
  await copyRows(
    client,
    "incoming_classes",
    ["index", "wnid", "lemmas", "gloss"],
    classes.map((entry) => [entry.index, entry.wnid, entry.lemmas, entry.gloss]),
  );
  await client.query(
    `INSERT INTO classes (index, wnid, lemmas, gloss)
     SELECT index, wnid, lemmas, gloss FROM incoming_classes
     ON CONFLICT (index) DO UPDATE SET wnid = EXCLUDED.wnid, lemmas = EXCLUDED.lemmas, gloss = EXCLUDED.gloss`,
  );
  await client.query("DROP TABLE incoming_classes");
}

export async function setClassNames(
  client: pg.Client,
  column: "openai_name" | "modified_name",
  names: readonly string[],
): Promise<void> {
  await client.query(
    `UPDATE classes SET ${column} = names.name
     FROM unnest($1::text[]) WITH ORDINALITY AS names(name, position)
     WHERE classes.index = names.position - 1`,
    [names],
  );
}

export async function replaceClassGroups(client: pg.Client, origin: string, groups: readonly ClassGroupRecord[]): Promise<void> {
  await client.query("DELETE FROM class_groups WHERE origin = $1", [origin]);
  // One statement for every group (two per group were a hundred round trips for the published
  // clusters): each group's id is drawn first, so its members can name it.
  await client.query(
    `WITH incoming AS MATERIALIZED (
       SELECT nextval(pg_get_serial_sequence('class_groups', 'id'))::int AS id, g.codes, g.classes
       FROM jsonb_to_recordset($2::jsonb) AS g(codes int[], classes int[])
     ), inserted AS (
       INSERT INTO class_groups (id, codes, origin) SELECT id, codes, $1 FROM incoming
     )
     INSERT INTO class_group_members (group_id, class_index) SELECT incoming.id, unnest(incoming.classes) FROM incoming`,
    [origin, JSON.stringify(groups.map(({ codes, classes }) => ({ codes, classes })))],
  );
}

export async function loadClassIndex(client: pg.Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ wnid: string; index: number }>("SELECT wnid, index FROM classes");
  return new Map(rows.map((row) => [row.wnid, row.index]));
}
