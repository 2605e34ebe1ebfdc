-- CreateTable
CREATE TABLE "CommenterBrowser" (
    "emailHash" TEXT NOT NULL,
    "browserHash" TEXT NOT NULL,
    "how" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("emailHash", "browserHash")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleSlug" TEXT NOT NULL,
    "parentId" TEXT,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT,
    "authorUrl" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "notifyReplies" BOOLEAN NOT NULL DEFAULT false,
    "ipPrefix" TEXT,
    "browserHash" TEXT,
    "moderationNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approvedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Comment_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("approvedAt", "articleSlug", "authorEmail", "authorName", "authorUrl", "body", "createdAt", "id", "notifyReplies", "parentId", "status", "updatedAt") SELECT "approvedAt", "articleSlug", "authorEmail", "authorName", "authorUrl", "body", "createdAt", "id", "notifyReplies", "parentId", "status", "updatedAt" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE INDEX "Comment_articleSlug_status_createdAt_idx" ON "Comment"("articleSlug", "status", "createdAt");
CREATE INDEX "Comment_authorEmail_idx" ON "Comment"("authorEmail");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "newsletterSlug" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "sendAt" DATETIME NOT NULL,
    "pauseReason" TEXT,
    "recipientCount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME
);
INSERT INTO "new_Campaign" ("createdAt", "finishedAt", "html", "id", "newsletterSlug", "pauseReason", "recipientCount", "sendAt", "startedAt", "status", "subject", "text") SELECT "createdAt", "finishedAt", "html", "id", "newsletterSlug", "pauseReason", "recipientCount", "sendAt", "startedAt", "status", "subject", "text" FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE INDEX "Campaign_status_sendAt_idx" ON "Campaign"("status", "sendAt");
-- Number the campaigns each issue already has (oldest first) before the unique index.
UPDATE "Campaign" SET "sequence" = (
    SELECT COUNT(*) FROM "Campaign" AS c2
    WHERE c2."newsletterSlug" = "Campaign"."newsletterSlug"
      AND (c2."createdAt" < "Campaign"."createdAt" OR (c2."createdAt" = "Campaign"."createdAt" AND c2."id" <= "Campaign"."id"))
);
CREATE UNIQUE INDEX "Campaign_newsletterSlug_sequence_key" ON "Campaign"("newsletterSlug", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

