-- AlterTable
ALTER TABLE "CommenterBlock" ADD COLUMN     "network" TEXT,
ADD COLUMN     "rangeEnd" TEXT,
ADD COLUMN     "rangeStart" TEXT;

-- CreateIndex
CREATE INDEX "CommenterBlock_rangeStart_rangeEnd_idx" ON "CommenterBlock"("rangeStart", "rangeEnd");

