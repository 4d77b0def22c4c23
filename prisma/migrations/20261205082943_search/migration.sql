-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "search";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "search"."document" (
    "product_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_folded" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "variant_names" TEXT[],
    "skus" TEXT[],
    "category_ids" UUID[],
    "category_names" TEXT[],
    "attributes" JSONB NOT NULL,
    "facet_values" TEXT[],
    "currency" CHAR(3) NOT NULL,
    "price_min" INTEGER NOT NULL,
    "price_max" INTEGER NOT NULL,
    "sale_price" INTEGER,
    "in_stock" BOOLEAN NOT NULL,
    "image" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "search_vector" tsvector NOT NULL,

    CONSTRAINT "document_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "search"."word" (
    "word" TEXT NOT NULL,

    CONSTRAINT "word_pkey" PRIMARY KEY ("word")
);

-- CreateTable
CREATE TABLE "search"."category_label" (
    "folded" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "category_label_pkey" PRIMARY KEY ("folded")
);

-- CreateIndex
CREATE INDEX "document_search_vector_idx" ON "search"."document" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "document_category_ids_idx" ON "search"."document" USING GIN ("category_ids");

-- CreateIndex
CREATE INDEX "document_facet_values_idx" ON "search"."document" USING GIN ("facet_values");

-- CreateIndex
CREATE INDEX "document_skus_idx" ON "search"."document" USING GIN ("skus");

-- CreateIndex
CREATE INDEX "document_title_prefix_idx" ON "search"."document"("title_folded" text_pattern_ops, "product_id");

-- CreateIndex
CREATE INDEX "document_price_asc_idx" ON "search"."document"("price_min", "product_id");

-- CreateIndex
CREATE INDEX "document_price_desc_idx" ON "search"."document"("price_min" DESC, "product_id");

-- CreateIndex
CREATE INDEX "document_newest_idx" ON "search"."document"("created_at" DESC, "product_id");

-- CreateIndex
CREATE INDEX "word_trgm_idx" ON "search"."word" USING GIN ("word" gin_trgm_ops);
