-- A dataset's evaluation table, computed by the "evaluation" job (lib/evaluation/stored-evaluation.ts).
CREATE TABLE "evaluation_results" (
    "dataset_id" INTEGER NOT NULL,
    "data_version" TEXT NOT NULL,
    -- json, not jsonb: jsonb sorts object keys, and the protocols' order is the table's column order.
    "models" JSON NOT NULL,
    "job_id" INTEGER,
    "ms" INTEGER NOT NULL,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_results_pkey" PRIMARY KEY ("dataset_id")
);

ALTER TABLE "evaluation_results" ADD CONSTRAINT "evaluation_results_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
