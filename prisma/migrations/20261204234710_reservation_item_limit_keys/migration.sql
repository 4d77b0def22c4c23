-- AlterTable
ALTER TABLE "inventory"."reservation_item" ADD COLUMN     "limit_keys" TEXT[] DEFAULT ARRAY[]::TEXT[];
