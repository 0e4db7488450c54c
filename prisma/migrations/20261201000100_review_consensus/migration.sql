-- Consensus becomes a reviewed outcome per (image, campaign) and per image dataset-wide.
-- No row was ever written to these tables before this migration, so the status type is replaced outright.

-- CreateEnum
CREATE TYPE "ConsensusRule" AS ENUM ('UNANIMOUS', 'MAJORITY', 'DAWID_SKENE');

-- AlterTable
ALTER TABLE "campaigns" ADD COLUMN "consensus_rule" "ConsensusRule" NOT NULL DEFAULT 'MAJORITY',
ADD COLUMN "consensus_quorum" INTEGER;
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_consensus_quorum_check" CHECK ("consensus_quorum" IS NULL OR "consensus_quorum" >= 1);

-- Replace ConsensusStatus
ALTER TABLE "consensus" DROP COLUMN "status";
ALTER TABLE "consensus_revisions" DROP COLUMN "status";
DROP TYPE "ConsensusStatus";
CREATE TYPE "ConsensusStatus" AS ENUM ('UNLABELED', 'IN_PROGRESS', 'AGREED', 'DISAGREED', 'RESOLVED', 'EXCLUDED');

-- AlterTable
ALTER TABLE "consensus" ADD COLUMN "status" "ConsensusStatus" NOT NULL,
ADD COLUMN "ambiguity" "AmbiguityReason",
ADD COLUMN "candidate_classes" INTEGER[],
ADD COLUMN "exclude_reason" TEXT,
ADD COLUMN "decision_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "agreement" DOUBLE PRECISION,
ADD COLUMN "posterior" JSONB,
ADD COLUMN "changed_since_resolved" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "resolved_by_id" INTEGER;

ALTER TABLE "consensus_revisions" ADD COLUMN "status" "ConsensusStatus" NOT NULL,
ADD COLUMN "ambiguity" "AmbiguityReason",
ADD COLUMN "candidate_classes" INTEGER[],
ADD COLUMN "exclude_reason" TEXT;

-- NULL campaign ids must not be distinct: one dataset-level consensus row per image.
DROP INDEX "consensus_image_id_campaign_id_key";
CREATE UNIQUE INDEX "consensus_image_id_campaign_id_key" ON "consensus"("image_id", "campaign_id") NULLS NOT DISTINCT;

CREATE INDEX "consensus_campaign_id_status_idx" ON "consensus"("campaign_id", "status");

-- AddForeignKey
ALTER TABLE "consensus" ADD CONSTRAINT "consensus_resolved_by_id_fkey" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
