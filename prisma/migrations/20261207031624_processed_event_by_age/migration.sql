-- CreateIndex
CREATE INDEX "processed_event_consumer_processed_at_idx" ON "messaging"."processed_event"("consumer", "processed_at");
