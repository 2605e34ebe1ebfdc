import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { recipientOf, suiteSmtpSink } from "../testing/smtp-sink";
import { testIssue, testWorkerDeps } from "../testing/worker-deps";
import { emailHash } from "./address";
import { countRecipients, createCampaign } from "./campaigns";
import { importSubscribers } from "./import";
import { exportSubscriberData, setTopics, unsubscribe } from "./subscriptions";
import { topicsData, type TopicChoice } from "./topics";
import { runWorker } from "./worker";

// Decision 0044: a campaign for topics reaches readers who chose one of them
// or take everything; the count an editor confirms is the list that is frozen.
const target = await testDatabaseTarget();
const issue = testIssue("Neck news");

describe.skipIf(!target.available)(`topics on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  const sink = suiteSmtpSink();
  beforeEach(async () => {
    sink.messages.length = 0;
    await t.db.campaign.deleteMany();
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
  });

  const reader = (name: string, choice: TopicChoice, over: object = {}) =>
    t.db.subscriber.create({
      data: {
        email: `${name}@example.com`,
        emailHash: emailHash(`${name}@example.com`),
        status: "confirmed",
        ...topicsData(choice, false),
        ...over,
      },
    });
  const send = async (slug: string, topics: string[]) => {
    const expected = await countRecipients(t.db, topics);
    const r = await createCampaign(t.db, { newsletterSlug: slug, ...issue, sendAt: new Date(), topics }, { resend: false });
    if (r.kind !== "created") return { expected, recipients: 0, to: [] as string[] };
    sink.messages.length = 0;
    await runWorker(testWorkerDeps(t.db, sink.url), { once: true });
    const to = sink.messages.map(recipientOf).sort();
    return { expected, recipients: r.recipients, to };
  };

  it("a campaign for one topic reaches readers of that topic and readers of everything, no one else; the count is the list", async () => {
    await reader("back", { all: false, topics: ["back-pain"] });
    await reader("neck", { all: false, topics: ["neck-pain"] });
    await reader("both", { all: false, topics: ["back-pain", "neck-pain"] });
    await reader("everything", { all: true });
    await reader("paused-neck", { all: false, topics: ["neck-pain"] }, { paused: true });
    await reader("pending-neck", { all: false, topics: ["neck-pain"] }, { status: "pending" });
    // Suppressed readers, one per kind: the count subtracts them (countRecipients), the list skips them.
    const bounced = await reader("bounced-neck", { all: false, topics: ["neck-pain"] });
    const complained = await reader("complained-all", { all: true });
    for (const s of [bounced, complained]) await t.db.suppression.create({ data: { emailHash: s.emailHash, reason: "bounced" } });
    await t.db.suppression.create({ data: { emailHash: emailHash("never-subscribed@example.com"), reason: "deleted" } });

    const neck = await send("neck-issue", ["neck-pain"]);
    expect(neck.to).toEqual(["both@example.com", "everything@example.com", "neck@example.com"]);
    expect(neck.expected).toBe(3);
    expect(neck.recipients).toBe(3);
    const stored = await t.db.campaign.findFirstOrThrow({ where: { newsletterSlug: "neck-issue" } });
    expect(stored.topics).toBe('["neck-pain"]');

    const two = await send("two-topics", ["back-pain", "neck-pain"]);
    expect(two.to).toEqual(["back@example.com", "both@example.com", "everything@example.com", "neck@example.com"]);
    expect(two.expected).toBe(two.recipients);

    const everyone = await send("for-everyone", []);
    expect(everyone.to).toHaveLength(4);
    expect(everyone.expected).toBe(4);
    expect((await t.db.campaign.findFirstOrThrow({ where: { newsletterSlug: "for-everyone" } })).topics).toBeNull();
  });

  it("'everything' is kept as such: a category added after signing up reaches them, a reader of other topics is not mailed", async () => {
    await reader("everything", { all: true });
    await reader("back", { all: false, topics: ["back-pain"] });
    expect(await t.db.subscriberTopic.count()).toBe(1);
    const later = await send("new-category", ["sleep"]);
    expect(later.to).toEqual(["everything@example.com"]);
    expect(later.expected).toBe(1);
  });

  it("a campaign whose topics nobody chose, and no reader takes everything: nothing is queued and the count says 0", async () => {
    await reader("back", { all: false, topics: ["back-pain"] });
    expect(await countRecipients(t.db, ["neck-pain"])).toBe(0);
    expect(
      (await createCampaign(t.db, { newsletterSlug: "x", ...issue, sendAt: new Date(), topics: ["neck-pain"] }, { resend: false })).kind,
    ).toBe("no-recipients");
    expect(await t.db.campaign.count()).toBe(0);
  });

  it("changing topics replaces them; the consent record keeps the topics agreed to at signup; unsubscribing removes them", async () => {
    const row = await reader("ann", { all: false, topics: ["back-pain"] }, { consentTopics: '["back-pain"]' });
    expect(await setTopics(t.db, row.id, { all: false, topics: ["neck-pain"] })).toBe(true);
    expect((await t.db.subscriberTopic.findMany({ where: { subscriberId: row.id } })).map((r) => r.topic)).toEqual(["neck-pain"]);
    const data = await exportSubscriberData(t.db, row.id);
    expect(data?.subscriber.topics).toEqual(["neck-pain"]);
    expect(data?.consent.topics).toEqual(["back-pain"]);
    expect(await setTopics(t.db, row.id, { all: true })).toBe(true);
    expect(await t.db.subscriberTopic.count({ where: { subscriberId: row.id } })).toBe(0);
    expect((await t.db.subscriber.findUniqueOrThrow({ where: { id: row.id } })).allTopics).toBe(true);
    await setTopics(t.db, row.id, { all: false, topics: ["back-pain"] });
    await unsubscribe(t.db, row.id);
    expect(await t.db.subscriberTopic.count()).toBe(0);
    expect(await setTopics(t.db, row.id, { all: true })).toBe(false);
  });

  it("imported subscribers take every topic, and their consent record says so", async () => {
    await importSubscribers(t.db, "email,name\nimported@example.com,Imp\n", {
      source: "list.csv",
      asConfirmed: true,
      policy: { rejectDisposable: false, rejectRole: false },
    });
    const row = await t.db.subscriber.findFirstOrThrow({ where: { emailHash: emailHash("imported@example.com") } });
    expect(row).toMatchObject({ allTopics: true, consentTopics: "all" });
    expect((await send("imported", ["neck-pain"])).to).toEqual(["imported@example.com"]);
  });
});
