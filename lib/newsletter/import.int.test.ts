// The CSV column names and states of other tools: Mailchimp's exports, The
// Newsletter Plugin (semicolons, one-letter states), MailPoet. Unsubscribed,
// bounced and complained rows become suppressions, never subscribers.
import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { emailHash } from "./address";
import { importSubscribers } from "./import";

const target = await testDatabaseTarget();
const policy = { rejectDisposable: false, rejectRole: false };

describe.skipIf(!target.available)(`subscriber CSVs from other tools on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  beforeEach(async () => {
    await t.db.subscriber.deleteMany();
    await t.db.suppression.deleteMany();
  });
  const suppressed = async (email: string) => (await t.db.suppression.findUnique({ where: { emailHash: emailHash(email) } }))?.reason;

  it("Mailchimp: “Email Address” and “First Name”; UNSUB_TIME and CLEAN_TIME mark unsubscribed and cleaned rows", async () => {
    const csv = [
      "Email Address,First Name,Last Name,MEMBER_RATING,OPTIN_TIME,UNSUB_TIME,CLEAN_TIME",
      "ada@example.com,Ada,Byron,2,2021-01-01 10:00:00,,",
      "gone@example.com,Gus,,2,2021-01-01 10:00:00,2023-02-02 09:00:00,",
      "bounce@example.com,,,1,2021-01-01 10:00:00,,2023-03-03 08:00:00",
    ].join("\n");
    const r = await importSubscribers(t.db, csv, { source: "members.csv", asConfirmed: true, policy });
    expect(r.imported.map((x) => [x.email, x.firstName])).toEqual([["ada@example.com", "Ada"]]);
    expect(r.suppressed).toEqual([
      { line: 3, reason: "unsubscribed" },
      { line: 4, reason: "bounced" },
    ]);
    expect(await suppressed("gone@example.com")).toBe("unsubscribed");
    expect(await suppressed("bounce@example.com")).toBe("bounced");
    expect(await t.db.subscriber.count()).toBe(1);
  });

  it("The Newsletter Plugin: semicolons and one-letter states; an unsubscribe in the old tool removes a subscriber already here", async () => {
    await importSubscribers(t.db, "email\nu@example.com\n", { source: "first.csv", asConfirmed: true, policy });
    const csv = [
      "Email;Name;Surname;Status",
      "c@example.com;Cleo;Ng;C",
      "s@example.com;Sid;;S",
      "u@example.com;Una;;U",
      "p@example.com;;;P",
    ].join("\n");
    const r = await importSubscribers(t.db, csv, { source: "newsletter-plugin.csv", asConfirmed: false, policy });
    expect(r.imported.map((x) => x.email)).toEqual(["c@example.com", "s@example.com"]);
    expect(r.suppressed.map((x) => x.reason)).toEqual(["unsubscribed", "complained"]);
    expect(await t.db.subscriber.findUnique({ where: { emailHash: emailHash("u@example.com") } })).toBeNull();
    expect(await suppressed("p@example.com")).toBe("complained");
  });

  it("MailPoet: email, first_name and a status word; rows that were never subscribers are skipped", async () => {
    const csv = [
      "E-mail,First name,Status",
      "m@example.com,Mo,subscribed",
      "x@example.com,,unconfirmed",
      "b@example.com,,bounced",
      "t@example.com,,transactional",
    ].join("\n");
    const r = await importSubscribers(t.db, csv, { source: "mailpoet.csv", asConfirmed: false, policy });
    expect(r.imported.map((x) => [x.email, x.firstName])).toEqual([
      ["m@example.com", "Mo"],
      ["x@example.com", null],
    ]);
    expect(r.suppressed).toEqual([{ line: 4, reason: "bounced" }]);
    expect(r.skipped).toEqual([{ line: 5, reason: expect.stringContaining("not a subscriber") }]);
  });
});
