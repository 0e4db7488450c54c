-- How many predictions per image each model published (a top-1 file has no top-5).
ALTER TABLE "label_sources" ADD COLUMN "published_k" INTEGER;

UPDATE "label_sources" s SET "published_k" = (SELECT max(cardinality(p."classes")) FROM "predictions" p WHERE p."source_id" = s."id")
WHERE s."kind" = 'MODEL';

-- The stored suspect score of each image (lib/suspects/store.ts), for lists that sort and filter on it.
CREATE TABLE "suspect_scores" (
    "image_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "parts" JSONB NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suspect_scores_pkey" PRIMARY KEY ("image_id")
);

CREATE INDEX "suspect_scores_score_idx" ON "suspect_scores"("score");

ALTER TABLE "suspect_scores" ADD CONSTRAINT "suspect_scores_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;
