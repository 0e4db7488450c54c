-- Gold images: known answers, a campaign's gold share and auto-pause threshold, paused members.

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "gold_share" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN "gold_pause_below" DOUBLE PRECISION,
ADD COLUMN "gold_min_answers" INTEGER NOT NULL DEFAULT 5;

-- AlterTable
ALTER TABLE "campaign_members" ADD COLUMN "paused_at" TIMESTAMP(3),
ADD COLUMN "paused_reason" TEXT;

-- AlterTable
ALTER TABLE "campaign_images" ADD COLUMN "gold" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "gold_answers" (
    "image_id" INTEGER NOT NULL,
    "classes" INTEGER[],
    "ambiguity" "AmbiguityReason",
    "candidate_classes" INTEGER[],
    "outside_labels" TEXT[],
    "origin" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gold_answers_pkey" PRIMARY KEY ("image_id")
);

-- AddForeignKey
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;
