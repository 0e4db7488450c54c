-- Perceptual and pixel hashes on images, and reviewable duplicate groups.

-- CreateEnum
CREATE TYPE "DuplicateVerdict" AS ENUM ('EXACT', 'AUGMENTATION', 'SIMILAR_VIEW', 'NOT_DUPLICATE');

-- AlterTable
ALTER TABLE "images" ADD COLUMN "pixel_hash" TEXT,
ADD COLUMN "phash" BIGINT,
ADD COLUMN "phash_mirror" BIGINT,
ADD COLUMN "dhash" BIGINT,
ADD COLUMN "dhash_mirror" BIGINT,
ADD COLUMN "hashed_at" TIMESTAMP(3),
ADD COLUMN "hash_error" TEXT;

CREATE INDEX "images_pixel_hash_idx" ON "images"("pixel_hash");
CREATE INDEX "images_dataset_id_hashed_at_idx" ON "images"("dataset_id", "hashed_at");

-- AlterTable
ALTER TABLE "duplicate_groups" ADD COLUMN "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "verdict" "DuplicateVerdict",
ADD COLUMN "reviewed_by_id" INTEGER;
ALTER TABLE "duplicate_groups" ADD COLUMN "reviewed_at" TIMESTAMP(3);

ALTER TABLE "duplicate_groups" ADD CONSTRAINT "duplicate_groups_reviewed_by_id_fkey" FOREIGN KEY ("reviewed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "duplicate_members" ADD COLUMN "distance" INTEGER,
ADD COLUMN "mirrored" BOOLEAN NOT NULL DEFAULT false;
