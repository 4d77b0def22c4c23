-- AlterTable
ALTER TABLE "pricing"."flash_sale" ADD COLUMN     "planned_ends_at" TIMESTAMPTZ(3),
ADD COLUMN     "stopped_at" TIMESTAMPTZ(3),
ADD COLUMN     "stopped_by" UUID;

-- A sale stopped at the very millisecond it opened has an empty window (ends_at = starts_at):
-- allowed for a stopped sale only; a scheduled window still needs ends_at after starts_at.
ALTER TABLE "pricing"."flash_sale" DROP CONSTRAINT "flash_sale_window_check",
    ADD CONSTRAINT "flash_sale_window_check" CHECK ("ends_at" > "starts_at" OR ("stopped_at" IS NOT NULL AND "ends_at" = "starts_at"));
