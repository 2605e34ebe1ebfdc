-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "topics" TEXT;

-- CreateTable
CREATE TABLE "SubscriberTopic" (
    "subscriberId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,

    PRIMARY KEY ("subscriberId", "topic"),
    CONSTRAINT "SubscriberTopic_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscriber" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "emailHash" TEXT NOT NULL,
    "firstName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "consentAt" DATETIME,
    "consentIp" TEXT,
    "consentSource" TEXT,
    "consentTextVersion" TEXT,
    "consentTopics" TEXT NOT NULL DEFAULT 'all',
    "allTopics" BOOLEAN NOT NULL DEFAULT true,
    "confirmNonce" TEXT,
    "signupMailAt" DATETIME,
    "confirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Subscriber" ("confirmNonce", "confirmedAt", "consentAt", "consentIp", "consentSource", "consentTextVersion", "createdAt", "email", "emailHash", "firstName", "id", "paused", "signupMailAt", "status", "updatedAt") SELECT "confirmNonce", "confirmedAt", "consentAt", "consentIp", "consentSource", "consentTextVersion", "createdAt", "email", "emailHash", "firstName", "id", "paused", "signupMailAt", "status", "updatedAt" FROM "Subscriber";
DROP TABLE "Subscriber";
ALTER TABLE "new_Subscriber" RENAME TO "Subscriber";
CREATE UNIQUE INDEX "Subscriber_emailHash_key" ON "Subscriber"("emailHash");
CREATE INDEX "Subscriber_status_createdAt_idx" ON "Subscriber"("status", "createdAt");
CREATE INDEX "Subscriber_email_id_idx" ON "Subscriber"("email", "id");
CREATE INDEX "Subscriber_confirmedAt_idx" ON "Subscriber"("confirmedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SubscriberTopic_topic_subscriberId_idx" ON "SubscriberTopic"("topic", "subscriberId");

