-- Before any taxonomy is loaded the class check let every row through, so an import may load a
-- source's labels first. Since submits leave the class check to the decisions trigger
-- (lib/decisions/decisions.ts), that also let a crafted submit name classes nobody has defined.
-- Only imported rows skip the check now; before a taxonomy, a decision, a revision or a consensus
-- may name no class at all (a "not in ImageNet" decision still can be written).
CREATE OR REPLACE FUNCTION "class_indices_in_taxonomy"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expression text;
  missing int;
  known int;
  lowest int;
  highest int;
  outside boolean;
BEGIN
  SELECT count(*), min("index"), max("index") INTO known, lowest, highest FROM "classes";
  IF known = 0 AND TG_TABLE_NAME IN ('source_labels', 'predictions', 'image_hints') THEN
    RETURN NULL;
  END IF;
  FOREACH expression IN ARRAY TG_ARGV LOOP
    IF lowest = 0 AND highest = known - 1 THEN
      EXECUTE format('SELECT true FROM new_rows WHERE (0 <= ALL (%1$s) AND $1 > ALL (%1$s)) IS NOT TRUE LIMIT 1', expression)
        INTO outside USING known;
      CONTINUE WHEN outside IS NULL;
    END IF;
    EXECUTE format(
      'SELECT c FROM new_rows, unnest(%s) AS c WHERE NOT EXISTS (SELECT 1 FROM "classes" k WHERE k."index" = c) LIMIT 1',
      expression) INTO missing;
    IF missing IS NOT NULL THEN
      RAISE EXCEPTION 'class index % in %.% is not a class of the taxonomy', missing, TG_TABLE_NAME, expression
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
