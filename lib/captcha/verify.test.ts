import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSiteverifyStandIn, type StandIn } from "../testing/siteverify-stand-in";
import { checkCaptchaToken, memoryLedger, tokenHash, verifyCaptcha, type CaptchaConfig } from "./index";

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startSiteverifyStandIn({ hostname: "backinmotion.example", secret: "s3cret" });
});
afterAll(() => standIn.close());

const config = (over: Partial<CaptchaConfig> = {}): CaptchaConfig => ({
  provider: "recaptcha-v2",
  secretKey: "s3cret",
  verifyUrl: standIn.url,
  expectedHostname: "backinmotion.example",
  minScore: 0.5,
  timeoutMs: 1_000,
  ...over,
});
const verify = (token: string | undefined, over: Partial<CaptchaConfig> = {}, action = "comment") =>
  verifyCaptcha(config(over), { token, action, remoteIp: "203.0.113.9" }, memoryLedger());

describe("captcha verification against a local siteverify stand-in", () => {
  it("accepts a valid token and sends secret, token and IP", async () => {
    expect(await verify("pass:n=1")).toEqual({ ok: true });
    const last = standIn.requests.at(-1)!;
    expect([last.get("secret"), last.get("response"), last.get("remoteip")]).toEqual(["s3cret", "pass:n=1", "203.0.113.9"]);
  });

  it("rejects a missing token without calling the provider", async () => {
    const before = standIn.requests.length;
    expect(await verify(undefined)).toMatchObject({ ok: false, reason: "missing" });
    expect(await verify("   ")).toMatchObject({ ok: false, reason: "missing" });
    expect(standIn.requests.length).toBe(before);
  });

  it("rejects a failed token", async () => {
    expect(await verify("fail")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("tells an expired token apart, so the form can ask to check the box again", async () => {
    expect(await verify("expired")).toMatchObject({
      ok: false,
      reason: "expired",
      message: expect.stringContaining("check the box again"),
    });
  });

  it("rejects a token solved on another hostname", async () => {
    expect(await verify("pass:host=evil.example")).toMatchObject({ ok: false, reason: "wrong-hostname" });
  });

  it("v3: rejects a low score and accepts a score at the threshold", async () => {
    const v3 = { provider: "recaptcha-v3" as const };
    expect(await verify("pass:action=comment:score=0.2", v3)).toMatchObject({ ok: false, reason: "low-score" });
    expect(await verify("pass:action=comment:score=0.5", v3)).toEqual({ ok: true });
  });

  it("v3: rejects a token made for another action", async () => {
    expect(await verify("pass:action=signup:score=0.9", { provider: "recaptcha-v3" })).toMatchObject({ ok: false, reason: "wrong-action" });
  });

  it("treats a token as single-use", async () => {
    const ledger = memoryLedger();
    const input = { token: "pass:n=once", action: "comment" };
    expect(await verifyCaptcha(config(), input, ledger)).toEqual({ ok: true });
    expect(await verifyCaptcha(config(), input, ledger)).toMatchObject({ ok: false, reason: "reused" });
  });

  it("checking without a ledger hands back the hash to claim, and refuses the same way", async () => {
    const check = (token: string | undefined, over: Partial<CaptchaConfig> = {}) =>
      checkCaptchaToken(config(over), { token, action: "comment", remoteIp: "203.0.113.9" });
    expect(await check(" pass:n=hash ")).toEqual({ ok: true, tokenHash: tokenHash("pass:n=hash") });
    const before = standIn.requests.length;
    expect(await check(undefined)).toMatchObject({ ok: false, reason: "missing" });
    expect(standIn.requests.length).toBe(before);
    expect(await check("expired")).toMatchObject({ ok: false, reason: "expired" });
    expect(await check("pass:host=evil.example")).toMatchObject({ ok: false, reason: "wrong-hostname" });
    expect(await check("500")).toMatchObject({ ok: false, reason: "unavailable" });
    expect(await check(undefined, { provider: "off" })).toEqual({ ok: true });
  });

  it("fails closed when the provider times out", async () => {
    const started = Date.now();
    expect(await verify("slow", { timeoutMs: 300 })).toMatchObject({
      ok: false,
      reason: "unavailable",
      message: expect.stringContaining("try again"),
    });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("fails closed when the provider errors or cannot be reached", async () => {
    expect(await verify("500")).toMatchObject({ ok: false, reason: "unavailable" });
    expect(await verify("pass:n=2", { verifyUrl: "http://127.0.0.1:1/siteverify" })).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it("Turnstile and hCaptcha use the same protocol; Turnstile's answer must carry this form's action", async () => {
    expect(await verify("pass:n=3:action=comment", { provider: "turnstile" })).toEqual({ ok: true });
    expect(await verify("pass:n=4", { provider: "hcaptcha" })).toEqual({ ok: true });
    expect(await verify("pass:action=signup", { provider: "turnstile" })).toMatchObject({ ok: false, reason: "wrong-action" });
    expect(await verify("pass:n=5", { provider: "turnstile" })).toMatchObject({ ok: false, reason: "wrong-action" });
  });

  it("refuses an answer that does not say which site the token was solved on", async () => {
    expect(await verify("pass:host=none")).toMatchObject({ ok: false, reason: "wrong-hostname" });
    expect(await verify("pass:host=none:action=comment", { provider: "turnstile" })).toMatchObject({ ok: false, reason: "wrong-hostname" });
  });

  it("never sends an unknown client address to the provider", async () => {
    const before = standIn.requests.length;
    await verifyCaptcha(config({}), { token: "pass:n=6", action: "comment", remoteIp: "unknown" }, memoryLedger());
    expect(standIn.requests.slice(before).map((r) => r.get("remoteip"))).toEqual([null]);
  });

  it("with the captcha off, everything passes without a call", async () => {
    expect(await verify(undefined, { provider: "off" })).toEqual({ ok: true });
  });
});
