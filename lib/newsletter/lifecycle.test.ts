import { describe, expect, it } from "vitest";
import { onConfirm, onSignup, RESEND_AFTER_MS, receivesNewsletter } from "./lifecycle";

const now = new Date("2026-11-24T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("signing up", () => {
  it("a new address gets a pending row and a confirmation email", () => {
    expect(onSignup("none", null, now)).toEqual({ do: "send-confirmation", createRow: true });
  });
  it("an unsubscribed (suppressed) address must confirm again", () => {
    expect(onSignup("suppressed", null, now)).toEqual({ do: "send-confirmation", createRow: true });
  });
  it("a pending address gets the link again, but not twice within the resend window", () => {
    expect(onSignup("pending", ago(RESEND_AFTER_MS + 1), now)).toEqual({ do: "send-confirmation", createRow: false });
    expect(onSignup("pending", ago(1000), now)).toEqual({ do: "nothing" });
  });
  it("a confirmed address is told it is already subscribed, never given a second record", () => {
    expect(onSignup("confirmed", null, now)).toEqual({ do: "notify-already-subscribed" });
    expect(onSignup("confirmed", ago(1000), now)).toEqual({ do: "nothing" });
  });
});

describe("confirming", () => {
  it("pending → confirmed only with the current nonce", () => {
    expect(onConfirm({ status: "pending", confirmNonce: "n1" }, "n1")).toBe("confirmed");
    expect(onConfirm({ status: "pending", confirmNonce: "n2" }, "n1")).toBe("invalid");
  });
  it("a second click changes nothing", () => {
    expect(onConfirm({ status: "confirmed", confirmNonce: null }, "n1")).toBe("already-confirmed");
  });
  it("a link for a removed subscriber is invalid", () => {
    expect(onConfirm(null, "n1")).toBe("invalid");
  });
});

describe("who receives an issue", () => {
  it("only confirmed, unpaused, unsuppressed subscribers", () => {
    expect(receivesNewsletter({ status: "confirmed", paused: false }, false)).toBe(true);
    expect(receivesNewsletter({ status: "pending", paused: false }, false)).toBe(false);
    expect(receivesNewsletter({ status: "confirmed", paused: true }, false)).toBe(false);
    expect(receivesNewsletter({ status: "confirmed", paused: false }, true)).toBe(false);
  });
});
