import { describe, expect, it } from "vitest";
import { arf, dsn, mailtoUnsubscribe } from "../testing/bounce-reports";
import { bounceAddressFor, deliveryFromBounceAddress, deliveryFromMessageId } from "./bounce-address";
import { bounceSeverity, fieldBlocks, parseReport, unsubscribeTokenOf } from "./reports";

const keys = { current: "k".repeat(40), previous: ["p".repeat(40)] };
const delivery = "c0123456789abcdef01234567-cmiexample0000000000000a";

describe("the VERP return path", () => {
  it("names the delivery in a local part of at most 64 characters, and reads back", () => {
    const a = bounceAddressFor("bounces@backinmotion.example", keys, delivery);
    expect(a).toMatch(/^bounces\+[a-z2-7]{20}cmiexample0000000000000a\.[a-z2-7]{9}@backinmotion\.example$/);
    expect(a.split("@")[0].length).toBeLessThanOrEqual(64);
    expect(deliveryFromBounceAddress(a, keys)).toBe(delivery);
    // Servers that upper-case or bracket the address do not break it.
    expect(deliveryFromBounceAddress(`<${a.toUpperCase()}>`, keys)).toBe(delivery);
  });

  it("still reads addresses made with a previous key, and refuses tampered ones", () => {
    const old = bounceAddressFor("bounces@x.example", keys.previous[0], delivery);
    expect(deliveryFromBounceAddress(old, keys)).toBe(delivery);
    const other = bounceAddressFor("bounces@x.example", keys, "c0123456789abcdef01234567-cmiother");
    const [local, domain] = other.split("@");
    const forged = `${local.split(".")[0]}.${bounceAddressFor("bounces@x.example", keys, delivery).split(".")[1].split("@")[0]}@${domain}`;
    expect(deliveryFromBounceAddress(forged, keys)).toBeUndefined();
    expect(deliveryFromBounceAddress("bounces@x.example", keys)).toBeUndefined();
    expect(deliveryFromBounceAddress("bounces+zzzz.aaaaaaaaa@x.example", keys)).toBeUndefined();
  });

  it("carries any other delivery id whole", () => {
    const a = bounceAddressFor("b@x.example", keys, "some-Other_id");
    expect(deliveryFromBounceAddress(a, keys)).toBe("some-Other_id");
  });

  it("reads our Message-IDs back to their delivery and nothing else", () => {
    expect(deliveryFromMessageId(`<c1.c1-s9@backinmotion.example>`)).toEqual({ campaignId: "c1", deliveryId: "c1-s9" });
    expect(deliveryFromMessageId(`<abc@gmail.example>`)).toBeUndefined();
    expect(deliveryFromMessageId(`<c1.c2-s9@backinmotion.example>`)).toBeUndefined();
  });
});

describe("delivery reports (RFC 3464)", () => {
  it("reads fields per recipient, unfolding continuation lines", () => {
    const blocks = fieldBlocks(
      "Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; x@y\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550\n  user unknown\n",
    );
    expect(blocks[1]).toEqual({ "final-recipient": "rfc822; x@y", status: "5.1.1", "diagnostic-code": "smtp; 550 user unknown" });
  });

  it("tells hard from soft by action and status class", () => {
    expect(bounceSeverity("failed", "5.1.1")).toBe("hard");
    expect(bounceSeverity("failed", "5.2.2")).toBe("soft");
    expect(bounceSeverity("failed", "4.4.7")).toBe("soft");
    expect(bounceSeverity("delayed", "4.4.1")).toBeUndefined();
    expect(bounceSeverity("delivered", "2.0.0")).toBeUndefined();
    expect(bounceSeverity("Failed", "")).toBe("hard");
  });

  it("finds the VERP address, the quoted Message-ID and Return-Path, and keeps no address in the diagnostic", async () => {
    const r = await parseReport(
      dsn({
        to: "bounces+abc.def@backinmotion.example",
        original: { messageId: "<c1.c1-s1@backinmotion.example>", returnPath: "bounces+q.r@b.example" },
      }),
    );
    expect(r.items).toHaveLength(1);
    const item = r.items[0];
    if (item.kind !== "bounce") throw new Error(item.kind);
    expect(item).toMatchObject({ severity: "hard", status: "5.1.1", action: "failed" });
    expect(item.clues.sentTo).toContain("bounces+abc.def@backinmotion.example");
    expect(item.clues.messageIds).toEqual(["<c1.c1-s1@backinmotion.example>"]);
    expect(item.clues.returnPaths).toEqual(["<bounces+q.r@b.example>"]);
    expect(item.diagnostic).not.toContain("reader@example.com");
    expect(item.diagnostic).toContain("User unknown");
  });

  it("reads a report that quotes only the headers (text/rfc822-headers)", async () => {
    const r = await parseReport(dsn({ to: "b@x.example", headersOnly: true, original: { messageId: "<c1.c1-s1@h.example>" } }));
    expect(r.items[0]).toMatchObject({ kind: "bounce", clues: { messageIds: ["<c1.c1-s1@h.example>"] } });
  });

  it("ignores delay notices", async () => {
    const r = await parseReport(dsn({ to: "b@x.example", action: "delayed", status: "4.4.1" }));
    expect(r.items[0].kind).toBe("ignored");
  });

  it("keys a report by its own Message-ID, so reading it twice is recognisable", async () => {
    const a = await parseReport(dsn({ to: "b@x.example", reportId: "same" }));
    const b = await parseReport(dsn({ to: "b@x.example", reportId: "same", status: "5.1.2" }));
    expect(a.items[0].key).toBe(b.items[0].key);
  });
});

describe("feedback reports (RFC 5965) and mailed unsubscribes", () => {
  it("reads an abuse report as a complaint with the original's Message-ID", async () => {
    const r = await parseReport(arf({ original: { messageId: "<c1.c1-s1@backinmotion.example>" } }));
    expect(r.items[0]).toMatchObject({
      kind: "complaint",
      feedbackType: "abuse",
      clues: { messageIds: ["<c1.c1-s1@backinmotion.example>"] },
    });
  });

  it("does not take not-spam feedback for a complaint", async () => {
    const r = await parseReport(arf({ feedbackType: "not-spam", original: {} }));
    expect(r.items[0].kind).toBe("ignored");
  });

  it("takes the token from an unsubscribe subject only", async () => {
    const token = "AbCdEfGh.eyJwIjoibmV3c2xldHRlci1tYW5hZ2UiLCJzIjoiYyJ9.x".padEnd(60, "x");
    expect(unsubscribeTokenOf(`unsubscribe ${token}`)).toBe(token);
    expect(unsubscribeTokenOf(`Re: Unsubscribe ${token}`)).toBe(token);
    expect(unsubscribeTokenOf("please unsubscribe me")).toBeUndefined();
    const r = await parseReport(mailtoUnsubscribe({ subject: `unsubscribe ${token}` }));
    expect(r.items[0]).toMatchObject({ kind: "unsubscribe", token });
    const plain = await parseReport(mailtoUnsubscribe({ subject: "unsubscribe" }));
    expect(plain.items[0].kind).toBe("ignored");
  });

  it("ignores ordinary mail, and survives garbage", async () => {
    expect((await parseReport("Subject: hello\r\n\r\nhi")).items[0].kind).toBe("ignored");
    expect((await parseReport(Buffer.from([0, 1, 2, 255, 10, 13]))).items[0].kind).toBe("ignored");
    expect(
      (await parseReport('Content-Type: multipart/report; report-type=delivery-status; boundary="x"\r\n\r\n--x--')).items[0].kind,
    ).toBe("ignored");
  });
});
