-- DropIndex
DROP INDEX "Delivery_campaignId_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "Subscriber_status_paused_idx" ON "Subscriber"("status", "paused");

-- CreateIndex
CREATE INDEX "Delivery_campaignId_status_nextAttemptAt_inDoubt_idx" ON "Delivery"("campaignId", "status", "nextAttemptAt", "inDoubt");

