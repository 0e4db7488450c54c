-- Exports run on the job queue: an export is queued before it runs, can be cancelled, and names its job.

-- AlterEnum
ALTER TYPE "ExportStatus" ADD VALUE 'QUEUED';
ALTER TYPE "ExportStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "exports" ADD COLUMN "job_id" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "exports_job_id_key" ON "exports"("job_id");

-- AddForeignKey
ALTER TABLE "exports" ADD CONSTRAINT "exports_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
