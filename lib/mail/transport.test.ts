import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpSink, type SmtpSink } from "../testing/smtp-sink";
import { createMailer, readOutbox } from "./transport";

describe("mail through a real SMTP server on 127.0.0.1", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink({ reject: (to) => (to.startsWith("bounce") ? 550 : undefined) });
  });
  afterAll(() => sink.close());

  it("delivers with headers intact, through a pooled transport", async () => {
    const mailer = createMailer({ smtpUrl: sink.url, poolSize: 2, from: "Back in Motion <news@backinmotion.example>" });
    await mailer.verify();
    const sent = await mailer.send({
      to: "reader@example.com",
      subject: "Hello",
      text: "Plain part",
      html: "<p>HTML part</p>",
      headers: { "List-Unsubscribe": "<https://backinmotion.example/u/abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      messageId: "<fixed-1@backinmotion.example>",
    });
    mailer.close();
    expect(sent.accepted).toEqual(["reader@example.com"]);
    const [m] = await sink.waitFor(1);
    expect(m.subject).toBe("Hello");
    expect(m.text?.trim()).toBe("Plain part");
    expect(m.messageId).toBe("<fixed-1@backinmotion.example>");
    expect(m.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("surfaces a permanent rejection with its SMTP code", async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: "news@backinmotion.example" });
    await expect(mailer.send({ to: "bounce@example.com", subject: "x", text: "x" })).rejects.toMatchObject({ responseCode: 550 });
    mailer.close();
  });

  it("verify() fails when the relay is unreachable", async () => {
    const mailer = createMailer({ smtpUrl: "smtp://127.0.0.1:1", from: "news@backinmotion.example" });
    await expect(mailer.verify()).rejects.toThrow();
    mailer.close();
  });
});

describe("local outbox", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-outbox-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes each message as an .eml file the mailbox page can list", async () => {
    const mailer = createMailer({ from: "news@localhost", outboxDir: dir });
    await mailer.send({ to: "a@example.com", subject: "First", text: "one" });
    await mailer.send({ to: "b@example.com", subject: "Second", text: "two" });
    const box = readOutbox(dir);
    expect(box).toHaveLength(2);
    expect(box.map((m) => m.raw).join("\n")).toContain("Subject: Second");
  });

  it("an empty or missing outbox reads as empty", () => {
    expect(readOutbox(path.join(dir, "nope"))).toEqual([]);
  });
});
