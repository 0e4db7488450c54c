-- The integrity triggers of 20261201015000 also fire when a bulk import runs its COPY with
-- session_replication_role = replica (lib/import/load/bulk.ts skips only the per-row foreign-key
-- triggers that way): they are statement-level, one query per COPY.
ALTER TABLE "source_labels" ENABLE ALWAYS TRIGGER "source_labels_classes_insert";
ALTER TABLE "source_labels" ENABLE ALWAYS TRIGGER "source_labels_classes_update";
ALTER TABLE "predictions" ENABLE ALWAYS TRIGGER "predictions_classes_insert";
ALTER TABLE "predictions" ENABLE ALWAYS TRIGGER "predictions_classes_update";
ALTER TABLE "image_hints" ENABLE ALWAYS TRIGGER "image_hints_classes_insert";
ALTER TABLE "image_hints" ENABLE ALWAYS TRIGGER "image_hints_classes_update";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "decisions_classes_insert";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "decisions_classes_update";
ALTER TABLE "decision_revisions" ENABLE ALWAYS TRIGGER "decision_revisions_classes_insert";
ALTER TABLE "consensus" ENABLE ALWAYS TRIGGER "consensus_classes_insert";
ALTER TABLE "consensus" ENABLE ALWAYS TRIGGER "consensus_classes_update";
ALTER TABLE "consensus_revisions" ENABLE ALWAYS TRIGGER "consensus_revisions_classes_insert";
ALTER TABLE "campaign_images" ENABLE ALWAYS TRIGGER "campaign_images_dataset_insert";
ALTER TABLE "campaign_images" ENABLE ALWAYS TRIGGER "campaign_images_dataset_update";
ALTER TABLE "assignments" ENABLE ALWAYS TRIGGER "assignments_queue_insert";
ALTER TABLE "assignments" ENABLE ALWAYS TRIGGER "assignments_queue_update";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "decisions_queue_insert";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "decisions_queue_update";
ALTER TABLE "consensus" ENABLE ALWAYS TRIGGER "consensus_queue_insert";
ALTER TABLE "consensus" ENABLE ALWAYS TRIGGER "consensus_queue_update";
ALTER TABLE "source_labels" ENABLE ALWAYS TRIGGER "source_labels_dataset_insert";
ALTER TABLE "predictions" ENABLE ALWAYS TRIGGER "predictions_dataset_insert";
ALTER TABLE "image_hints" ENABLE ALWAYS TRIGGER "image_hints_dataset_insert";
ALTER TABLE "decisions" ENABLE ALWAYS TRIGGER "decisions_source_dataset_insert";
