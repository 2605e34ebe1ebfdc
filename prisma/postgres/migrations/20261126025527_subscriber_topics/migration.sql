-- AlterTable
ALTER TABLE "Subscriber" ADD COLUMN     "allTopics" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "consentTopics" TEXT NOT NULL DEFAULT 'all';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "topics" TEXT;

-- CreateTable
CREATE TABLE "SubscriberTopic" (
    "subscriberId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,

    CONSTRAINT "SubscriberTopic_pkey" PRIMARY KEY ("subscriberId","topic")
);

-- CreateIndex
CREATE INDEX "SubscriberTopic_topic_subscriberId_idx" ON "SubscriberTopic"("topic", "subscriberId");

-- AddForeignKey
ALTER TABLE "SubscriberTopic" ADD CONSTRAINT "SubscriberTopic_subscriberId_fkey" FOREIGN KEY ("subscriberId") REFERENCES "Subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

