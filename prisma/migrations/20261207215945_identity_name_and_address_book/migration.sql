-- AlterTable
ALTER TABLE "identity"."user" ADD COLUMN     "name" VARCHAR(120);

-- CreateTable
CREATE TABLE "identity"."saved_address" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "line1" TEXT NOT NULL,
    "line2" TEXT,
    "city" TEXT NOT NULL,
    "region" TEXT,
    "postal_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "phone" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_address_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "saved_address_user_id_idx" ON "identity"."saved_address"("user_id");

-- AddForeignKey
ALTER TABLE "identity"."saved_address" ADD CONSTRAINT "saved_address_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "identity"."user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
