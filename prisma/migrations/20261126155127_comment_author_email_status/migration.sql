-- DropIndex
DROP INDEX "Comment_authorEmail_idx";

-- CreateIndex
CREATE INDEX "Comment_authorEmail_status_idx" ON "Comment"("authorEmail", "status");

