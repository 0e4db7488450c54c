-- The review queue ranks consensus rows by a stored disagreement score, so sorting 50k rows is an index scan.
ALTER TABLE "consensus" ADD COLUMN "source_disagreement" DOUBLE PRECISION,
ADD COLUMN "disagreement_score" DOUBLE PRECISION NOT NULL DEFAULT 0;

CREATE INDEX "consensus_campaign_id_disagreement_score_idx" ON "consensus"("campaign_id", "disagreement_score");
