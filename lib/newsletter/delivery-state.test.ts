import { describe, expect, it } from "vitest";
import { afterAttempt, canTransition, messageIdFor } from "./delivery-state";

const now = new Date("2026-12-03T08:00:00Z");
const policy = { maxAttempts: 3, retrySeconds: 60 };

describe("after an SMTP attempt", () => {
  it("250 → sent", () => {
    expect(afterAttempt({ ok: true }, 1, policy, now)).toEqual({ to: "sent" });
  });
  it("4xx → back in the queue with exponential backoff", () => {
    expect(afterAttempt({ ok: false, responseCode: 451, message: "try later" }, 1, policy, now)).toEqual({
      to: "queued",
      retryAt: new Date(now.getTime() + 60_000),
      error: "451: try later",
    });
    expect(afterAttempt({ ok: false, responseCode: 421, message: "busy" }, 2, policy, now)).toMatchObject({
      to: "queued",
      retryAt: new Date(now.getTime() + 120_000),
    });
  });
  it("no answer at all counts as temporary", () => {
    expect(afterAttempt({ ok: false, message: "ECONNRESET" }, 1, policy, now)).toMatchObject({ to: "queued" });
  });
  it("temporary failures give up after the last attempt, without suppressing", () => {
    expect(afterAttempt({ ok: false, responseCode: 451, message: "later" }, 3, policy, now)).toMatchObject({
      to: "failed",
      suppress: false,
    });
  });
  it("5xx → failed and the address suppressed (bounce policy)", () => {
    expect(afterAttempt({ ok: false, responseCode: 550, message: "no such user" }, 1, policy, now)).toEqual({
      to: "failed",
      error: "550: no such user",
      suppress: true,
    });
  });
});

describe("campaign commands", () => {
  it("pause only what runs, resume only what is paused, cancel anything not finished", () => {
    expect(canTransition("sending", "pause")).toBe(true);
    expect(canTransition("done", "pause")).toBe(false);
    expect(canTransition("paused", "resume")).toBe(true);
    expect(canTransition("sending", "resume")).toBe(false);
    expect(canTransition("paused", "cancel")).toBe(true);
    expect(canTransition("done", "cancel")).toBe(false);
    expect(canTransition("cancelled", "resume")).toBe(false);
  });
});

it("Message-IDs are stable per delivery", () => {
  expect(messageIdFor("c1", "d1", "backinmotion.example")).toBe("<c1.d1@backinmotion.example>");
});
