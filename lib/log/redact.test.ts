import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./index";
import { redact, redactText } from "./redact";

describe("log redaction", () => {
  it("masks email addresses, keeping the first letter and the domain", () => {
    expect(redactText("confirmation sent to dana.whitcombe@example.com today")).toBe("confirmation sent to d***@example.com today");
    expect(redactText("<ann+news@mail.example.org>")).toBe("<a***@mail.example.org>");
    // Masking twice changes nothing more.
    expect(redactText(redactText("ann@example.com"))).toBe("a***@example.com");
  });

  it("masks client addresses but not loopback", () => {
    expect(redactText("from 203.0.113.57")).toBe("from 203.0.113.x");
    expect(redactText("from 2001:db8:85a3::8a2e:370:7334")).toBe("from 2001:db8:85a3::x");
    expect(redactText("listening on 127.0.0.1 and ::1")).toBe("listening on 127.0.0.1 and ::1");
    expect(redactText("at 12:30:00 and 08:15")).toBe("at 12:30:00 and 08:15");
  });

  it("masks tokens in links, bearer headers and long opaque strings", () => {
    expect(redactText("GET /newsletter/confirm?token=eyJhbGciOiJIUzI1NiJ9.abc&x=1")).toBe("GET /newsletter/confirm?token=eyJh…&x=1");
    expect(redactText("Authorization: Bearer s3cr3t-t0ken")).toBe("Authorization: Bearer …");
    expect(redactText("signed v1.Qm9vdGxlZ3MgYXJlIGZvciB0aGUgYnJhdmUgYW5kIHRoZSBmb29saXNo")).toMatch(/^signed v1\.Qm9v…$/);
  });

  it("masks every string inside objects and errors", () => {
    const out = redact({
      to: "ben@example.com",
      nested: [{ ip: "198.51.100.7" }],
      err: new Error("bounce from ben@example.com"),
    }) as Record<string, unknown>;
    expect(JSON.stringify(out)).not.toContain("ben@example.com");
    expect(JSON.stringify(out)).not.toContain("198.51.100.7");
    expect(out.to).toBe("b***@example.com");
  });

  it("a logger writes JSON lines with the level's name and nothing unmasked", () => {
    let written = "";
    const sink = new Writable({ write: (chunk, _enc, done) => ((written += chunk), done()) });
    const logger = createLogger({ level: "info", pretty: false, name: "test", destination: sink });
    logger.info({ email: "carol@example.com", reqId: "abc-1" }, "signup from carol@example.com at 192.0.2.44");
    logger.debug("not written at info");
    const line = JSON.parse(written.trim());
    expect(line).toMatchObject({
      level: "info",
      name: "test",
      reqId: "abc-1",
      email: "c***@example.com",
      msg: "signup from c***@example.com at 192.0.2.x",
    });
    expect(written).not.toContain("not written");
  });
});
