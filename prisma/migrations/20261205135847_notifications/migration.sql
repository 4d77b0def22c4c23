-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "notifications";

-- CreateTable
CREATE TABLE "notifications"."notification" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text_body" TEXT NOT NULL,
    "html_body" TEXT NOT NULL,
    "customer_id" UUID,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "skip_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications"."flash_sale_reminder" (
    "flash_sale_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "flash_sale_reminder_pkey" PRIMARY KEY ("flash_sale_id","customer_id")
);

-- CreateTable
CREATE TABLE "notifications"."back_in_stock_subscription" (
    "sku" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "back_in_stock_subscription_pkey" PRIMARY KEY ("sku","customer_id")
);

-- CreateTable
CREATE TABLE "notifications"."marketing_opt_out" (
    "email" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "marketing_opt_out_pkey" PRIMARY KEY ("email")
);

-- CreateIndex
CREATE INDEX "notification_status_created_at_idx" ON "notifications"."notification"("status", "created_at");

-- CreateIndex
CREATE INDEX "notification_created_at_id_idx" ON "notifications"."notification"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "notification_event_id_recipient_template_key" ON "notifications"."notification"("event_id", "recipient", "template");

-- CreateIndex
CREATE INDEX "flash_sale_reminder_customer_id_idx" ON "notifications"."flash_sale_reminder"("customer_id");

-- CreateIndex
CREATE INDEX "back_in_stock_subscription_customer_id_idx" ON "notifications"."back_in_stock_subscription"("customer_id");
