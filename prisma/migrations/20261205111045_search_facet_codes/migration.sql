-- CreateTable
CREATE TABLE "search"."facet_code" (
    "code" SERIAL NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "facet_code_pkey" PRIMARY KEY ("code")
);

-- CreateIndex
CREATE UNIQUE INDEX "facet_code_value_key" ON "search"."facet_code"("value");

-- AlterTable (title_vector is filled before it becomes NOT NULL: documents indexed before this
-- migration get the same values the engine writes, so no reindex is needed)
ALTER TABLE "search"."document" ADD COLUMN     "facet_codes" INTEGER[],
ADD COLUMN     "title_vector" tsvector;

-- Fill: the facet keys of every stored document (the same keys and price bounds as
-- apps/search/src/adapters/postgres/document-row.ts), then their codes and the title's words.
INSERT INTO "search"."facet_code" ("value")
SELECT DISTINCT k FROM "search"."document" d,
  unnest(ARRAY['#', '#price:' || width_bucket(d."price_min", '{2500,5000,10000,20000}'::int[])] || d."facet_values" || d."category_ids"::text[]) AS k
ORDER BY k;

UPDATE "search"."document" d SET
  "facet_codes" = ARRAY(
    SELECT f."code" FROM "search"."facet_code" f
     WHERE f."value" = ANY (ARRAY['#', '#price:' || width_bucket(d."price_min", '{2500,5000,10000,20000}'::int[])] || d."facet_values" || d."category_ids"::text[])
     ORDER BY f."code"),
  "title_vector" = array_to_tsvector(ARRAY(
    SELECT w FROM unnest(string_to_array(d."title_folded", ' ')) AS w WHERE w <> '' AND length(w) <= 100));

ALTER TABLE "search"."document" ALTER COLUMN "title_vector" SET NOT NULL;

-- CreateIndex
CREATE INDEX "document_title_vector_idx" ON "search"."document" USING GIN ("title_vector");
