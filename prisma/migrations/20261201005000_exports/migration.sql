-- Exports: a record of every file of labels taken out, with the consensus state it was made from.

-- CreateEnum
CREATE TYPE "ExportFormat" AS ENUM ('REAL_JSON', 'CSV', 'JSONL', 'CLEAN_LIST');

-- CreateEnum
CREATE TYPE "ExportStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "exports" (
    "id" SERIAL NOT NULL,
    "format" "ExportFormat" NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "options" JSONB NOT NULL DEFAULT '{}',
    "status" "ExportStatus" NOT NULL DEFAULT 'RUNNING',
    "rows" INTEGER NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "file_name" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "consensus_rows" INTEGER NOT NULL DEFAULT 0,
    "consensus_updated_at" TIMESTAMP(3),
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exports_created_at_idx" ON "exports"("created_at");

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
