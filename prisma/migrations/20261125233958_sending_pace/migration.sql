-- CreateTable
CREATE TABLE "SendingPace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nextAt" BIGINT NOT NULL DEFAULT 0,
    "hourStart" BIGINT NOT NULL DEFAULT 0,
    "hourCount" INTEGER NOT NULL DEFAULT 0
);

