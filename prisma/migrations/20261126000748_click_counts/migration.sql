-- CreateTable
CREATE TABLE "LinkClick" (
    "campaignId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("campaignId", "url")
);

-- CreateTable
CREATE TABLE "ProductClick" (
    "productSlug" TEXT NOT NULL,
    "articleSlug" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("productSlug", "articleSlug", "day")
);

-- CreateIndex
CREATE INDEX "ProductClick_day_idx" ON "ProductClick"("day");

