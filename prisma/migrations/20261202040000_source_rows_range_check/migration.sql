-- The image check of 20261202030000 probed images once per new row: measured on the published
-- bundle, 160 ms of every 50,000-row COPY (a fifth of it, and three of its nine seconds over
-- thirteen COPYs). An import's rows name the images it added together, a run of consecutive ids:
-- when every id from the lowest to the highest named is an image of the source's dataset (one
-- count over that range of the primary key), every row's image is, with no probe per row. Any
-- other set of rows (a gap, another dataset's image in the run) gets the exact check as before.
CREATE OR REPLACE FUNCTION "source_rows_in_dataset"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  source int;
  lowest int;
  highest int;
  dataset int;
  held bigint;
  image int;
BEGIN
  -- One import writes one source, read once here instead of once per row.
  FOR source, lowest, highest IN
    SELECT n."source_id", min(n."image_id"), max(n."image_id") FROM new_rows n WHERE n."source_id" IS NOT NULL GROUP BY n."source_id"
  LOOP
    SELECT s."dataset_id" INTO dataset FROM "label_sources" s WHERE s."id" = source;
    -- A source that does not exist is the foreign key's to refuse.
    CONTINUE WHEN NOT FOUND;
    -- Ids are unique, so the run holds highest - lowest + 1 of the dataset's images only if it holds nothing else.
    SELECT count(*) INTO held FROM "images" i WHERE i."id" BETWEEN lowest AND highest AND i."dataset_id" = dataset;
    CONTINUE WHEN held = highest - lowest + 1;
    SELECT n."image_id" INTO image
    FROM new_rows n
    WHERE n."source_id" = source
      AND NOT EXISTS (SELECT 1 FROM "images" i WHERE i."id" = n."image_id" AND i."dataset_id" = dataset)
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION '%: image % is not in the dataset of source %', TG_TABLE_NAME, image, source
        USING ERRCODE = 'foreign_key_violation';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
