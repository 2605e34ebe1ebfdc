-- DropIndex
DROP INDEX "Campaign_newsletterSlug_idx";

-- AlterTable
ALTER TABLE "Comment" DROP COLUMN "ipHash",
ADD COLUMN     "browserHash" TEXT,
ADD COLUMN     "ipPrefix" TEXT,
ADD COLUMN     "moderationNote" TEXT;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "CommenterBrowser" (
    "emailHash" TEXT NOT NULL,
    "browserHash" TEXT NOT NULL,
    "how" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommenterBrowser_pkey" PRIMARY KEY ("emailHash","browserHash")
);

-- Number the campaigns each issue already has (oldest first) before the unique index.
UPDATE "Campaign" SET "sequence" = (
    SELECT COUNT(*) FROM "Campaign" AS c2
    WHERE c2."newsletterSlug" = "Campaign"."newsletterSlug"
      AND (c2."createdAt" < "Campaign"."createdAt" OR (c2."createdAt" = "Campaign"."createdAt" AND c2."id" <= "Campaign"."id"))
);

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_newsletterSlug_sequence_key" ON "Campaign"("newsletterSlug", "sequence");

