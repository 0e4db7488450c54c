-- The server's own measure of time spent, from the claim to the first submit; the client's figure is clamped to it.
ALTER TABLE "decisions" ADD COLUMN "server_time_ms" INTEGER;
