-- ANALYZE samples every column, and a jsonb or float[] value costs it far more than a key: measured
-- on the published bundle, the sources' scores, votes and details were a third of each analysis of
-- source_labels (104 -> 65 ms) and the models' scores a sixth of predictions' (76 -> 62 ms). No query
-- filters, joins or sorts on these columns (they are only read out with their rows), so the planner
-- never asks for their statistics. The class lists keep theirs: `&&` and `@>` on them are estimated.
ALTER TABLE "source_labels" ALTER COLUMN "scores" SET STATISTICS 0;
ALTER TABLE "source_labels" ALTER COLUMN "votes" SET STATISTICS 0;
ALTER TABLE "source_labels" ALTER COLUMN "details" SET STATISTICS 0;
ALTER TABLE "predictions" ALTER COLUMN "scores" SET STATISTICS 0;
