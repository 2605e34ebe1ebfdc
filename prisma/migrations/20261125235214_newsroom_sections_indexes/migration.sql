-- CreateIndex
CREATE INDEX "Subscriber_email_id_idx" ON "Subscriber"("email", "id");

-- CreateIndex
CREATE INDEX "Subscriber_confirmedAt_idx" ON "Subscriber"("confirmedAt");

-- CreateIndex
CREATE INDEX "Delivery_subscriberId_idx" ON "Delivery"("subscriberId");

