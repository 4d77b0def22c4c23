-- The gateway kept one default address per account under the user's row lock; should a book ever
-- hold more than one (written around the gateway), the most recently changed stays the default.
UPDATE "identity"."saved_address" AS a SET "is_default" = false
WHERE a."is_default" AND EXISTS (
  SELECT 1 FROM "identity"."saved_address" AS b
  WHERE b."user_id" = a."user_id" AND b."is_default" AND (b."updated_at", b."id") > (a."updated_at", a."id")
);

-- CreateIndex
CREATE UNIQUE INDEX "saved_address_one_default_per_user" ON "identity"."saved_address"("user_id") WHERE ("is_default" = true);
