-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ANNOTATOR', 'REVIEWER', 'ADMIN');

-- CreateEnum
CREATE TYPE "Split" AS ENUM ('TRAIN', 'VAL', 'TEST');

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('ORIGINAL', 'STUDY', 'MODEL', 'EXPERT', 'CONSENSUS');

-- CreateEnum
CREATE TYPE "VerdictStatus" AS ENUM ('LABELED', 'NONE_FIT', 'NO_CONSENSUS', 'PROBLEMATIC');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "AssignmentStatus" AS ENUM ('ACTIVE', 'SUBMITTED', 'SKIPPED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "AmbiguityReason" AS ENUM ('BLURRY', 'FEATURES_OBSCURED', 'TOO_FAR', 'SEVERAL_CLASSES_POSSIBLE', 'OTHER');

-- CreateEnum
CREATE TYPE "ConsensusStatus" AS ENUM ('AGREED', 'RESOLVED', 'AMBIGUOUS', 'NOT_IN_IMAGENET', 'UNRESOLVED');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT,
    "role" "Role" NOT NULL DEFAULT 'ANNOTATOR',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "image_root" TEXT,
    "url_template" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "file_key" TEXT NOT NULL,
    "split" "Split" NOT NULL,
    "file_number" INTEGER,
    "storage_path" TEXT NOT NULL,
    "width" INTEGER,
    "height" INTEGER,
    "bytes" INTEGER,
    "content_hash" TEXT,

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "classes" (
    "index" INTEGER NOT NULL,
    "wnid" TEXT NOT NULL,
    "lemmas" TEXT[],
    "gloss" TEXT NOT NULL,
    "openai_name" TEXT,
    "modified_name" TEXT,

    CONSTRAINT "classes_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "class_groups" (
    "id" SERIAL NOT NULL,
    "codes" INTEGER[],
    "origin" TEXT NOT NULL,

    CONSTRAINT "class_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "class_group_members" (
    "group_id" INTEGER NOT NULL,
    "class_index" INTEGER NOT NULL,

    CONSTRAINT "class_group_members_pkey" PRIMARY KEY ("group_id","class_index")
);

-- CreateTable
CREATE TABLE "label_sources" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "SourceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "citation" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL DEFAULT '',
    "url" TEXT NOT NULL DEFAULT '',
    "options" JSONB NOT NULL DEFAULT '{}',
    "imported_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "label_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "source_labels" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "status" "VerdictStatus" NOT NULL,
    "classes" INTEGER[],
    "category" TEXT,
    "manually_validated" BOOLEAN,
    "scores" JSONB,
    "votes" JSONB,
    "details" JSONB,

    CONSTRAINT "source_labels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "classes" INTEGER[],
    "scores" DOUBLE PRECISION[],

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_hints" (
    "id" BIGSERIAL NOT NULL,
    "source_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "class_index" INTEGER,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "image_hints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "instructions" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "annotators_per_image" INTEGER NOT NULL DEFAULT 1,
    "show_prior_labels" BOOLEAN NOT NULL DEFAULT true,
    "claim_ttl_seconds" INTEGER NOT NULL DEFAULT 1800,
    "selection" JSONB NOT NULL DEFAULT '{}',
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_members" (
    "campaign_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_members_pkey" PRIMARY KEY ("campaign_id","user_id")
);

-- CreateTable
CREATE TABLE "campaign_images" (
    "campaign_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "open_slots" INTEGER NOT NULL,

    CONSTRAINT "campaign_images_pkey" PRIMARY KEY ("campaign_id","image_id")
);

-- CreateTable
CREATE TABLE "assignments" (
    "id" SERIAL NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "status" "AssignmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "claimed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),
    "skip_reason" TEXT,

    CONSTRAINT "assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decisions" (
    "id" SERIAL NOT NULL,
    "image_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "user_id" INTEGER,
    "source_id" INTEGER,
    "classes" INTEGER[],
    "ambiguity" "AmbiguityReason",
    "candidate_classes" INTEGER[],
    "outside_labels" TEXT[],
    "notes" TEXT NOT NULL DEFAULT '',
    "time_spent_ms" INTEGER,
    "shown_classes" INTEGER[],
    "shown_sources" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_revisions" (
    "id" SERIAL NOT NULL,
    "decision_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "classes" INTEGER[],
    "ambiguity" "AmbiguityReason",
    "candidate_classes" INTEGER[],
    "outside_labels" TEXT[],
    "notes" TEXT NOT NULL,
    "edited_by_id" INTEGER,
    "request_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "decision_drafts" (
    "user_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "decision_drafts_pkey" PRIMARY KEY ("user_id","campaign_id","image_id")
);

-- CreateTable
CREATE TABLE "vocabulary_labels" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vocabulary_labels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consensus" (
    "id" SERIAL NOT NULL,
    "image_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "status" "ConsensusStatus" NOT NULL,
    "classes" INTEGER[],
    "outside_labels" TEXT[],
    "method" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "consensus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consensus_revisions" (
    "id" SERIAL NOT NULL,
    "consensus_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "ConsensusStatus" NOT NULL,
    "classes" INTEGER[],
    "outside_labels" TEXT[],
    "method" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "reviewer_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consensus_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_groups" (
    "id" SERIAL NOT NULL,
    "dataset_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "duplicate_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_members" (
    "group_id" INTEGER NOT NULL,
    "image_id" INTEGER NOT NULL,

    CONSTRAINT "duplicate_members_pkey" PRIMARY KEY ("group_id","image_id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "options" JSONB NOT NULL DEFAULT '{}',
    "status" "ImportStatus" NOT NULL DEFAULT 'QUEUED',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "message" TEXT NOT NULL DEFAULT '',
    "result" JSONB,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_slug_key" ON "datasets"("slug");

-- CreateIndex
CREATE INDEX "images_dataset_id_split_file_number_idx" ON "images"("dataset_id", "split", "file_number");

-- CreateIndex
CREATE INDEX "images_content_hash_idx" ON "images"("content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "images_dataset_id_file_key_key" ON "images"("dataset_id", "file_key");

-- CreateIndex
CREATE UNIQUE INDEX "classes_wnid_key" ON "classes"("wnid");

-- CreateIndex
CREATE INDEX "class_group_members_class_index_idx" ON "class_group_members"("class_index");

-- CreateIndex
CREATE UNIQUE INDEX "label_sources_dataset_id_name_key" ON "label_sources"("dataset_id", "name");

-- CreateIndex
CREATE INDEX "source_labels_image_id_idx" ON "source_labels"("image_id");

-- CreateIndex
CREATE INDEX "source_labels_classes_idx" ON "source_labels" USING GIN ("classes");

-- CreateIndex
CREATE UNIQUE INDEX "source_labels_source_id_image_id_key" ON "source_labels"("source_id", "image_id");

-- CreateIndex
CREATE INDEX "predictions_image_id_idx" ON "predictions"("image_id");

-- CreateIndex
CREATE UNIQUE INDEX "predictions_source_id_image_id_key" ON "predictions"("source_id", "image_id");

-- CreateIndex
CREATE INDEX "image_hints_image_id_idx" ON "image_hints"("image_id");

-- CreateIndex
CREATE UNIQUE INDEX "image_hints_source_id_image_id_key" ON "image_hints"("source_id", "image_id");

-- CreateIndex
CREATE INDEX "campaign_members_user_id_idx" ON "campaign_members"("user_id");

-- CreateIndex
CREATE INDEX "campaign_images_campaign_id_open_slots_position_idx" ON "campaign_images"("campaign_id", "open_slots", "position");

-- CreateIndex
CREATE INDEX "assignments_campaign_id_status_expires_at_idx" ON "assignments"("campaign_id", "status", "expires_at");

-- CreateIndex
CREATE INDEX "assignments_user_id_campaign_id_claimed_at_idx" ON "assignments"("user_id", "campaign_id", "claimed_at");

-- CreateIndex
CREATE UNIQUE INDEX "assignments_campaign_id_image_id_user_id_key" ON "assignments"("campaign_id", "image_id", "user_id");

-- CreateIndex
CREATE INDEX "decisions_image_id_idx" ON "decisions"("image_id");

-- CreateIndex
CREATE INDEX "decisions_user_id_updated_at_idx" ON "decisions"("user_id", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_campaign_id_image_id_user_id_key" ON "decisions"("campaign_id", "image_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "decisions_source_id_image_id_key" ON "decisions"("source_id", "image_id");

-- CreateIndex
CREATE UNIQUE INDEX "decision_revisions_request_id_key" ON "decision_revisions"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "decision_revisions_decision_id_version_key" ON "decision_revisions"("decision_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "vocabulary_labels_name_key" ON "vocabulary_labels"("name");

-- CreateIndex
CREATE INDEX "consensus_campaign_id_status_idx" ON "consensus"("campaign_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "consensus_image_id_campaign_id_key" ON "consensus"("image_id", "campaign_id");

-- CreateIndex
CREATE UNIQUE INDEX "consensus_revisions_consensus_id_version_key" ON "consensus_revisions"("consensus_id", "version");

-- CreateIndex
CREATE INDEX "duplicate_groups_dataset_id_idx" ON "duplicate_groups"("dataset_id");

-- CreateIndex
CREATE INDEX "duplicate_members_image_id_idx" ON "duplicate_members"("image_id");

-- CreateIndex
CREATE INDEX "import_jobs_created_at_idx" ON "import_jobs"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_group_members" ADD CONSTRAINT "class_group_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "class_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "class_group_members" ADD CONSTRAINT "class_group_members_class_index_fkey" FOREIGN KEY ("class_index") REFERENCES "classes"("index") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "label_sources" ADD CONSTRAINT "label_sources_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_labels" ADD CONSTRAINT "source_labels_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "label_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "source_labels" ADD CONSTRAINT "source_labels_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "label_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_hints" ADD CONSTRAINT "image_hints_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "label_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_hints" ADD CONSTRAINT "image_hints_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_members" ADD CONSTRAINT "campaign_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_images" ADD CONSTRAINT "campaign_images_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_images" ADD CONSTRAINT "campaign_images_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "label_sources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_revisions" ADD CONSTRAINT "decision_revisions_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_revisions" ADD CONSTRAINT "decision_revisions_edited_by_id_fkey" FOREIGN KEY ("edited_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "decision_drafts" ADD CONSTRAINT "decision_drafts_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vocabulary_labels" ADD CONSTRAINT "vocabulary_labels_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus" ADD CONSTRAINT "consensus_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus" ADD CONSTRAINT "consensus_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus_revisions" ADD CONSTRAINT "consensus_revisions_consensus_id_fkey" FOREIGN KEY ("consensus_id") REFERENCES "consensus"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consensus_revisions" ADD CONSTRAINT "consensus_revisions_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_groups" ADD CONSTRAINT "duplicate_groups_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_members" ADD CONSTRAINT "duplicate_members_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "duplicate_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "duplicate_members" ADD CONSTRAINT "duplicate_members_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Invariants Prisma's schema language cannot state.
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_author_check" CHECK (("user_id" IS NULL) <> ("source_id" IS NULL));
ALTER TABLE "campaign_images" ADD CONSTRAINT "campaign_images_open_slots_check" CHECK ("open_slots" >= 0);
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_annotators_per_image_check" CHECK ("annotators_per_image" >= 1);
ALTER TABLE "classes" ADD CONSTRAINT "classes_index_check" CHECK ("index" >= 0);
