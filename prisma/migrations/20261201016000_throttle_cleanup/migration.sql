-- Expired sign-in throttle rows are deleted on write by last_failure_at (lib/auth/throttle.ts forgetExpired).
CREATE INDEX "sign_in_throttles_last_failure_at_idx" ON "sign_in_throttles"("last_failure_at");
