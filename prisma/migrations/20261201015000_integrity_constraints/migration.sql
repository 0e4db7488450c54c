-- Integrity: states the application never writes are refused by PostgreSQL itself, so a bug, a
-- hand-written SQL fix or a second app version cannot store them either (lib/db/integrity.test.ts).
-- Only CHECKs and triggers: the Prisma schema cannot express them, so the drift test ignores them.

-- Class indices: whole, non-negative, no NULL element, in every column that holds them.
ALTER TABLE "source_labels" ADD CONSTRAINT "source_labels_classes_check" CHECK (array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes"));
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_classes_check" CHECK (array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes"));
-- A model publishes a score per class or none.
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_scores_check" CHECK (cardinality("scores") = 0 OR cardinality("scores") = cardinality("classes"));
ALTER TABLE "image_hints" ADD CONSTRAINT "image_hints_class_index_check" CHECK ("class_index" >= 0);
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_classes_check" CHECK (
  array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes")
  AND array_position("candidate_classes", NULL) IS NULL AND 0 <= ALL ("candidate_classes")
  AND array_position("shown_classes", NULL) IS NULL AND 0 <= ALL ("shown_classes"));
ALTER TABLE "decision_revisions" ADD CONSTRAINT "decision_revisions_classes_check" CHECK (
  array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes")
  AND array_position("candidate_classes", NULL) IS NULL AND 0 <= ALL ("candidate_classes"));
ALTER TABLE "consensus" ADD CONSTRAINT "consensus_classes_check" CHECK (
  array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes")
  AND array_position("candidate_classes", NULL) IS NULL AND 0 <= ALL ("candidate_classes"));
ALTER TABLE "consensus_revisions" ADD CONSTRAINT "consensus_revisions_classes_check" CHECK (
  array_position("classes", NULL) IS NULL AND 0 <= ALL ("classes")
  AND array_position("candidate_classes", NULL) IS NULL AND 0 <= ALL ("candidate_classes"));

-- A person's decision belongs to a campaign and an imported expert's to none. Without this, decisions
-- with a user and no campaign would escape the (campaign, image, user) unique key (NULLs are distinct)
-- and one annotator could hold several decisions on one image.
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_campaign_author_check" CHECK (("campaign_id" IS NULL) = ("user_id" IS NULL));
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_counters_check" CHECK (
  "version" >= 1 AND ("time_spent_ms" IS NULL OR "time_spent_ms" >= 0) AND ("server_time_ms" IS NULL OR "server_time_ms" >= 0));
ALTER TABLE "decision_revisions" ADD CONSTRAINT "decision_revisions_version_check" CHECK ("version" >= 1);

-- Counters and settings that have no meaning below their floor.
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_counters_check" CHECK ("claim_ttl_seconds" >= 1 AND "image_count" >= 0);
ALTER TABLE "consensus" ADD CONSTRAINT "consensus_counters_check" CHECK (
  -- Version 0 is the empty row a first resolution locks (lib/consensus/resolve.ts).
  "version" >= 0 AND "decision_count" >= 0 AND ("agreement" IS NULL OR "agreement" BETWEEN 0 AND 1)
  AND ("source_disagreement" IS NULL OR "source_disagreement" BETWEEN 0 AND 1) AND "disagreement_score" >= 0);
ALTER TABLE "consensus_revisions" ADD CONSTRAINT "consensus_revisions_version_check" CHECK ("version" >= 1);
ALTER TABLE "images" ADD CONSTRAINT "images_numbers_check" CHECK (
  ("file_number" IS NULL OR "file_number" >= 1) AND ("width" IS NULL OR "width" >= 1)
  AND ("height" IS NULL OR "height" >= 1) AND ("bytes" IS NULL OR "bytes" >= 0));
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_progress_check" CHECK ("done" >= 0 AND ("total" IS NULL OR "total" >= 0) AND "attempts" >= 0);

-- Class indices name a class of the taxonomy (indices are positions 0..count-1 in the classes table).
-- Checked per statement over its transition table, so a COPY of 50,000 labels costs one query.
-- Before any taxonomy is loaded there is nothing to check against (an import may load labels first).
-- TG_ARGV holds the SQL expressions of the class-array columns, written in this file only.
CREATE FUNCTION "class_indices_in_taxonomy"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  expression text;
  missing int;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "classes") THEN
    RETURN NULL;
  END IF;
  FOREACH expression IN ARRAY TG_ARGV LOOP
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

CREATE TRIGGER "source_labels_classes_insert" AFTER INSERT ON "source_labels" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes');
CREATE TRIGGER "source_labels_classes_update" AFTER UPDATE ON "source_labels" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes');
CREATE TRIGGER "predictions_classes_insert" AFTER INSERT ON "predictions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes');
CREATE TRIGGER "predictions_classes_update" AFTER UPDATE ON "predictions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes');
CREATE TRIGGER "image_hints_classes_insert" AFTER INSERT ON "image_hints" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('array_remove(ARRAY["class_index"], NULL)');
CREATE TRIGGER "image_hints_classes_update" AFTER UPDATE ON "image_hints" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('array_remove(ARRAY["class_index"], NULL)');
CREATE TRIGGER "decisions_classes_insert" AFTER INSERT ON "decisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes', 'shown_classes');
CREATE TRIGGER "decisions_classes_update" AFTER UPDATE ON "decisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes', 'shown_classes');
CREATE TRIGGER "decision_revisions_classes_insert" AFTER INSERT ON "decision_revisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes');
CREATE TRIGGER "consensus_classes_insert" AFTER INSERT ON "consensus" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes');
CREATE TRIGGER "consensus_classes_update" AFTER UPDATE ON "consensus" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes');
CREATE TRIGGER "consensus_revisions_classes_insert" AFTER INSERT ON "consensus_revisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "class_indices_in_taxonomy"('classes', 'candidate_classes');

-- A campaign's queue holds images of the campaign's dataset, and what a campaign records about an
-- image (claims, decisions, consensus) is about an image of its queue. A composite foreign key would
-- say the same, but Prisma would then need relations it has no use for.
CREATE FUNCTION "campaign_images_in_dataset"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n."campaign_id", n."image_id" INTO bad
  FROM new_rows n JOIN "campaigns" c ON c."id" = n."campaign_id" JOIN "images" i ON i."id" = n."image_id"
  WHERE i."dataset_id" <> c."dataset_id" LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'image % is not in the dataset of campaign %', bad."image_id", bad."campaign_id" USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "campaign_images_dataset_insert" AFTER INSERT ON "campaign_images" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_images_in_dataset"();
CREATE TRIGGER "campaign_images_dataset_update" AFTER UPDATE ON "campaign_images" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_images_in_dataset"();

CREATE FUNCTION "campaign_rows_on_queue_images"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n."campaign_id", n."image_id" INTO bad
  FROM new_rows n
  WHERE n."campaign_id" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "campaign_images" ci WHERE ci."campaign_id" = n."campaign_id" AND ci."image_id" = n."image_id")
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '%: image % is not in the queue of campaign %', TG_TABLE_NAME, bad."image_id", bad."campaign_id"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "assignments_queue_insert" AFTER INSERT ON "assignments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();
CREATE TRIGGER "assignments_queue_update" AFTER UPDATE ON "assignments" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();
CREATE TRIGGER "decisions_queue_insert" AFTER INSERT ON "decisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();
CREATE TRIGGER "decisions_queue_update" AFTER UPDATE ON "decisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();
CREATE TRIGGER "consensus_queue_insert" AFTER INSERT ON "consensus" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();
CREATE TRIGGER "consensus_queue_update" AFTER UPDATE ON "consensus" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "campaign_rows_on_queue_images"();

-- A source's verdicts, predictions and hints are about images of the source's dataset.
CREATE FUNCTION "source_rows_in_dataset"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n."source_id", n."image_id" INTO bad
  FROM new_rows n JOIN "label_sources" s ON s."id" = n."source_id" JOIN "images" i ON i."id" = n."image_id"
  WHERE i."dataset_id" <> s."dataset_id" LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION '%: image % is not in the dataset of source %', TG_TABLE_NAME, bad."image_id", bad."source_id"
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "source_labels_dataset_insert" AFTER INSERT ON "source_labels" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "source_rows_in_dataset"();
CREATE TRIGGER "predictions_dataset_insert" AFTER INSERT ON "predictions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "source_rows_in_dataset"();
CREATE TRIGGER "image_hints_dataset_insert" AFTER INSERT ON "image_hints" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "source_rows_in_dataset"();
CREATE TRIGGER "decisions_source_dataset_insert" AFTER INSERT ON "decisions" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "source_rows_in_dataset"();
