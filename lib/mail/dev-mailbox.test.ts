import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { devMailboxEnabled, listDevMailbox, readDevMessage } from "./dev-mailbox";
import { createMailer } from "./transport";

describe("the development mailbox", () => {
  it("exists only in local mode without an SMTP relay", () => {
    expect(devMailboxEnabled(parseEnv({}))).toBe(true);
    expect(devMailboxEnabled(parseEnv({ SMTP_URL: "smtp://127.0.0.1:2525" }))).toBe(false);
    expect(
      devMailboxEnabled(
        parseEnv({
          APP_MODE: "production",
          PUBLIC_URL: "https://x.example",
          SECRET_KEY: "k".repeat(40),
          SMTP_URL: "smtp://relay.example",
          MAIL_FROM: "news@x.example",
          CAPTCHA_PROVIDER: "off",
        }),
      ),
    ).toBe(false);
  });

  it("lists what the outbox mailer wrote and shows its links and headers", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "outbox-"));
    const mailer = createMailer({ from: "Back in Motion <news@localhost>", outboxDir: dir });
    await mailer.send({
      to: "ann@example.com",
      subject: "Please confirm",
      text: "Click http://localhost:3000/newsletter/confirm?token=abc to confirm.",
      html: "<p>Click</p>",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    });
    const [entry] = await listDevMailbox(dir);
    expect(entry).toMatchObject({ subject: "Please confirm", to: "ann@example.com" });
    const m = await readDevMessage(dir, entry.file);
    expect(m?.links).toEqual(["http://localhost:3000/newsletter/confirm?token=abc"]);
    expect(m?.headers).toContainEqual(["list-unsubscribe-post", "List-Unsubscribe=One-Click"]);
    expect(await readDevMessage(dir, "../../etc/passwd")).toBeUndefined();
  });
});
