-- CreateTable
CREATE TABLE "MailEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "campaignId" TEXT,
    "deliveryId" TEXT,
    "emailHash" TEXT,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "MailEvent_key_key" ON "MailEvent"("key");

-- CreateIndex
CREATE INDEX "MailEvent_campaignId_kind_idx" ON "MailEvent"("campaignId", "kind");

-- CreateIndex
CREATE INDEX "MailEvent_emailHash_kind_at_idx" ON "MailEvent"("emailHash", "kind", "at");

