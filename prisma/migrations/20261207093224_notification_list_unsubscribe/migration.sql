-- AlterTable
ALTER TABLE "notifications"."notification" ADD COLUMN     "list_unsubscribe_url" TEXT;
