-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "importedId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_importedId_key" ON "Comment"("importedId");

