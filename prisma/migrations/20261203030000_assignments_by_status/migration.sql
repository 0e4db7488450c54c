-- Every claim and submit reads the annotator's held claims (status ACTIVE). The index on
-- (user_id, campaign_id, claimed_at) found them only by reading every claim the annotator ever made
-- in the campaign and filtering on status: measured on the HTTP bench, one index scan a loop read
-- 200 entries after 200 images and 1,900 after 1,900, growing with the annotator's progress. Nothing
-- orders claims by claimed_at; ids give the order the held claims are answered in.
DROP INDEX "assignments_user_id_campaign_id_claimed_at_idx";
CREATE INDEX "assignments_user_id_campaign_id_status_id_idx" ON "assignments"("user_id", "campaign_id", "status", "id");
