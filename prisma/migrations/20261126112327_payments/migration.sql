-- CreateEnum
CREATE TYPE "payments"."CheckoutState" AS ENUM ('preparing', 'running', 'compensating', 'completed', 'cancelled', 'rejected', 'dead');

-- CreateEnum
CREATE TYPE "payments"."CheckoutStepStatus" AS ENUM ('running', 'succeeded', 'failed', 'compensating', 'compensated');

-- CreateEnum
CREATE TYPE "payments"."PaymentStatus" AS ENUM ('pending', 'authorized', 'declined', 'captured', 'voided', 'refunded');

-- CreateEnum
CREATE TYPE "payments"."SimChargeStatus" AS ENUM ('pending', 'authorized', 'declined', 'captured', 'voided', 'refunded');

-- CreateTable
CREATE TABLE "payments"."checkout" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "customer_id" UUID NOT NULL,
    "cart_id" TEXT NOT NULL,
    "state" "payments"."CheckoutState" NOT NULL DEFAULT 'preparing',
    "current_step" TEXT,
    "dead_from" "payments"."CheckoutState",
    "shipping_address" JSONB NOT NULL,
    "payment_method" TEXT NOT NULL,
    "payment_token" TEXT NOT NULL,
    "quote" JSONB,
    "currency" CHAR(3),
    "amount" INTEGER,
    "reservation_id" TEXT,
    "order_id" UUID,
    "payment_id" UUID,
    "failure_code" TEXT,
    "failure_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "step_attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "checkout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."checkout_step" (
    "checkout_id" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "status" "payments"."CheckoutStepStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkout_step_pkey" PRIMARY KEY ("checkout_id","step")
);

-- CreateTable
CREATE TABLE "payments"."payment" (
    "id" UUID NOT NULL,
    "checkout_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "provider_ref" TEXT,
    "authorization_key" TEXT NOT NULL,
    "status" "payments"."PaymentStatus" NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "decline_code" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."sim_charge" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "payments"."SimChargeStatus" NOT NULL,
    "decline_code" TEXT,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "captured_amount" INTEGER NOT NULL DEFAULT 0,
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    "reference" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sim_charge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payments"."sim_operation" (
    "idempotency_key" TEXT NOT NULL,
    "charge_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sim_operation_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateIndex
CREATE INDEX "checkout_state_updated_at_idx" ON "payments"."checkout"("state", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "checkout_customer_id_idempotency_key_key" ON "payments"."checkout"("customer_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "payment_checkout_id_key" ON "payments"."payment"("checkout_id");

-- CreateIndex
CREATE INDEX "payment_status_idx" ON "payments"."payment"("status");

-- CreateIndex
CREATE UNIQUE INDEX "sim_charge_idempotency_key_key" ON "payments"."sim_charge"("idempotency_key");

-- CreateIndex
CREATE INDEX "sim_operation_charge_id_idx" ON "payments"."sim_operation"("charge_id");

-- AddForeignKey
ALTER TABLE "payments"."checkout_step" ADD CONSTRAINT "checkout_step_checkout_id_fkey" FOREIGN KEY ("checkout_id") REFERENCES "payments"."checkout"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payments"."sim_operation" ADD CONSTRAINT "sim_operation_charge_id_fkey" FOREIGN KEY ("charge_id") REFERENCES "payments"."sim_charge"("id") ON DELETE CASCADE ON UPDATE CASCADE;
