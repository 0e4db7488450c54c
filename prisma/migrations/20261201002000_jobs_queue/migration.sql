-- import_jobs becomes the history of every background job kind; the queue itself (graphile-worker)
-- keeps its own tables in the graphile_worker schema, which it migrates on its own.
ALTER TYPE "ImportStatus" RENAME TO "JobStatus";
ALTER TABLE "import_jobs" RENAME TO "jobs";
ALTER TABLE "jobs" RENAME CONSTRAINT "import_jobs_pkey" TO "jobs_pkey";
ALTER TABLE "jobs" RENAME CONSTRAINT "import_jobs_created_by_id_fkey" TO "jobs_created_by_id_fkey";
ALTER INDEX "import_jobs_created_at_idx" RENAME TO "jobs_created_at_idx";
ALTER SEQUENCE "import_jobs_id_seq" RENAME TO "jobs_id_seq";

ALTER TABLE "jobs" RENAME COLUMN "options" TO "payload";
ALTER TABLE "jobs" ADD COLUMN "title" TEXT NOT NULL DEFAULT '';
ALTER TABLE "jobs" ADD COLUMN "dedup_key" TEXT;
ALTER TABLE "jobs" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "jobs" ADD COLUMN "worker_id" TEXT;
ALTER TABLE "jobs" ADD COLUMN "started_at" TIMESTAMP(3);

-- Earlier rows were all imports: their import kind, path and options move into the payload.
UPDATE "jobs" SET
  "payload" = jsonb_build_object('kind', "kind", 'path', "path", 'dataset', COALESCE("payload"->>'dataset', 'imagenet-val'), 'options', "payload" - 'dataset'),
  "title" = "kind" || ' · ' || "path",
  "kind" = 'import';
ALTER TABLE "jobs" DROP COLUMN "path";
-- Imports that ran inside the web process before this change have no queue entry: one still "running" was cut off.
UPDATE "jobs" SET "status" = 'FAILED', "finished_at" = CURRENT_TIMESTAMP, "message" = 'Interrupted by a server restart; nothing from the interrupted step was written.'
WHERE "status" IN ('QUEUED', 'RUNNING');

CREATE INDEX "jobs_kind_created_at_idx" ON "jobs"("kind", "created_at");
CREATE INDEX "jobs_dedup_key_idx" ON "jobs"("dedup_key");

CREATE TABLE "worker_heartbeats" (
    "id" TEXT NOT NULL,
    "queue_worker_ids" TEXT[],
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "worker_heartbeats_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "worker_heartbeats_seen_at_idx" ON "worker_heartbeats"("seen_at");

-- A campaign's queue never changes after creation: its size is stored once instead of cached per process.
ALTER TABLE "campaigns" ADD COLUMN "image_count" INTEGER NOT NULL DEFAULT 0;
UPDATE "campaigns" c SET "image_count" = (SELECT count(*) FROM "campaign_images" ci WHERE ci.campaign_id = c.id);
