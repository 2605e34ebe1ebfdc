-- AlterTable
ALTER TABLE "CommenterBlock" ADD COLUMN "network" TEXT;
ALTER TABLE "CommenterBlock" ADD COLUMN "rangeEnd" TEXT;
ALTER TABLE "CommenterBlock" ADD COLUMN "rangeStart" TEXT;

-- CreateIndex
CREATE INDEX "CommenterBlock_rangeStart_rangeEnd_idx" ON "CommenterBlock"("rangeStart", "rangeEnd");

