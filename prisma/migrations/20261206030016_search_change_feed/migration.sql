-- AlterTable
ALTER TABLE "search"."document" ADD COLUMN     "change_seq" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "search"."document_removal" (
    "product_id" UUID NOT NULL,
    "change_seq" BIGINT NOT NULL,

    CONSTRAINT "document_removal_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "search"."index_feed" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "seq" BIGINT NOT NULL DEFAULT 0,
    "generation" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "index_feed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "document_removal_change_seq_idx" ON "search"."document_removal"("change_seq");

-- CreateIndex
CREATE INDEX "document_change_seq_idx" ON "search"."document"("change_seq");

-- The feed's one row (the engine only ever updates it).
INSERT INTO "search"."index_feed" ("id") VALUES (1);
