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
  for (const group of groups) {
    const { rows } = await client.query<{ id: number }>(
      "INSERT INTO class_groups (codes, origin) VALUES ($1, $2) RETURNING id",
      [group.codes, origin],
    );
    await client.query(
      "INSERT INTO class_group_members (group_id, class_index) SELECT $1, unnest($2::int[])",
      [rows[0]!.id, group.classes],
    );
  }
}

export async function loadClassIndex(client: pg.Client): Promise<Map<string, number>> {
  const { rows } = await client.query<{ wnid: string; index: number }>("SELECT wnid, index FROM classes");
  return new Map(rows.map((row) => [row.wnid, row.index]));
}
