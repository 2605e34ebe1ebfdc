import { beforeEach, describe, expect, it } from "vitest";
import { suiteDatabase, testDatabaseTarget } from "../testing/database";
import { SoftAuthenticator } from "../testing/soft-authenticator";
import { addEditor, removeEditor } from "./editors";
import {
  CHALLENGE_MINUTES,
  listPasskeys,
  purgeExpiredChallenges,
  registerPasskey,
  registrationOptions,
  relyingPartyOf,
  removePasskey,
  signInOptions,
  verifyPasskeySignIn,
  type PasskeySignInDeps,
} from "./passkeys";

const target = await testDatabaseTarget();
const OPERATOR = { id: null, name: "operator", ipPrefix: null };
const rp = relyingPartyOf("https://news.example.org", "Back in Motion");

describe.skipIf(!target.available)(`passkeys on ${target.kind}`, () => {
  const t = suiteDatabase(target.kind);
  let clock = new Date("2026-11-26T10:00:00Z");
  const deps = (over: Partial<PasskeySignInDeps> = {}): PasskeySignInDeps => ({
    db: t.db,
    rp,
    now: () => clock,
    limitByCredential: async () => ({ ok: true }),
    ...over,
  });
  beforeEach(async () => {
    clock = new Date("2026-11-26T10:00:00Z");
    await t.db.passkeyChallenge.deleteMany();
    await t.db.passkey.deleteMany();
    await t.db.auditEntry.deleteMany();
    await t.db.editor.deleteMany();
  });

  const editor = async (email = "ana@example.org", role = "admin") => {
    const r = await addEditor(t.db, OPERATOR, { email, role, displayName: "Ana Ruiz" });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.editor;
  };
  const register = async (ed: { id: string; displayName: string }, auth = new SoftAuthenticator(rp), name = "Work laptop") => {
    const options = await registrationOptions(deps(), ed);
    const r = await registerPasskey(deps(), ed.id, { name, response: auth.register(options.challenge) });
    if (!r.ok) throw new Error(r.message);
    return { auth, passkey: r.passkey };
  };
  const signIn = async (auth: SoftAuthenticator, over: Parameters<SoftAuthenticator["assert"]>[1] = {}, d = deps()) => {
    const options = await signInOptions(d);
    return verifyPasskeySignIn(d, { response: auth.assert(options.challenge, over) });
  };

  it("registers a passkey for the signed-in editor, listed by name, and signs in with it", async () => {
    const ana = await editor();
    const options = await registrationOptions(deps(), ana);
    expect(options.rp).toEqual({ id: "news.example.org", name: "Back in Motion" });
    expect(options.user.name).toBe("Ana Ruiz"); // never the address
    expect(JSON.stringify(options)).not.toContain("ana@example.org");
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "required", userVerification: "required" });
    const stored = await t.db.passkeyChallenge.findFirstOrThrow();
    expect(stored).toMatchObject({ purpose: "register", editorId: ana.id, usedAt: null });
    expect(JSON.stringify(stored)).not.toContain(options.challenge); // only the hash

    const auth = new SoftAuthenticator(rp);
    const r = await registerPasskey(deps(), ana.id, { name: "  Work laptop ", response: auth.register(options.challenge) });
    expect(r).toMatchObject({ ok: true, passkey: { name: "Work laptop", lastUsedAt: null } });
    expect(await listPasskeys(t.db, ana.id)).toHaveLength(1);
    const row = await t.db.passkey.findFirstOrThrow();
    expect(row).toMatchObject({ credentialId: auth.id, editorId: ana.id, counter: 1, transports: "internal" });

    // A second registration offers the first as excluded, so the browser does not make a duplicate.
    expect((await registrationOptions(deps(), ana)).excludeCredentials?.map((c) => c.id)).toEqual([auth.id]);

    clock = new Date(clock.getTime() + 60_000);
    const s = await signIn(auth);
    expect(s).toEqual({ ok: true, editorId: ana.id, passkeyId: row.id, passkeyName: "Work laptop" });
    const after = await t.db.passkey.findFirstOrThrow();
    expect(after.counter).toBe(2);
    expect(after.lastUsedAt).toEqual(clock);
  });

  it("uses a challenge once: the same answer replayed is refused and changes nothing", async () => {
    const ana = await editor();
    const options = await registrationOptions(deps(), ana);
    const auth = new SoftAuthenticator(rp);
    const answer = { name: "Phone", response: auth.register(options.challenge) };
    expect((await registerPasskey(deps(), ana.id, answer)).ok).toBe(true);
    expect(await registerPasskey(deps(), ana.id, answer)).toMatchObject({
      ok: false,
      status: 400,
      field: "response.response.clientDataJSON",
    });

    const signInChallenge = (await signInOptions(deps())).challenge;
    const assertion = { response: auth.assert(signInChallenge) };
    expect((await verifyPasskeySignIn(deps(), assertion)).ok).toBe(true);
    const counter = (await t.db.passkey.findFirstOrThrow()).counter;
    expect(await verifyPasskeySignIn(deps(), assertion)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/expired or was already used/),
    });
    expect((await t.db.passkey.findFirstOrThrow()).counter).toBe(counter);
  });

  it("refuses a challenge after it expires", async () => {
    const ana = await editor();
    const options = await registrationOptions(deps(), ana);
    clock = new Date(clock.getTime() + CHALLENGE_MINUTES * 60_000 + 1);
    const r = await registerPasskey(deps(), ana.id, { name: "Late", response: new SoftAuthenticator(rp).register(options.challenge) });
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect(await t.db.passkey.count()).toBe(0);

    const { auth } = await register(ana);
    const signInChallenge = (await signInOptions(deps())).challenge;
    clock = new Date(clock.getTime() + CHALLENGE_MINUTES * 60_000 + 1);
    expect(await verifyPasskeySignIn(deps(), { response: auth.assert(signInChallenge) })).toMatchObject({ ok: false, status: 400 });
    // An hour past their end, the worker's clean-up drops them.
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await purgeExpiredChallenges(t.db, clock)).toBeGreaterThan(0);
    expect(await t.db.passkeyChallenge.count()).toBe(0);
  });

  it("refuses another editor's registration challenge and a sign-in challenge used to register", async () => {
    const ana = await editor();
    const ben = await editor("ben@example.org", "moderator");
    const forAna = await registrationOptions(deps(), ana);
    const auth = new SoftAuthenticator(rp);
    expect(await registerPasskey(deps(), ben.id, { name: "Stolen", response: auth.register(forAna.challenge) })).toMatchObject({
      ok: false,
    });
    const signInChallenge = (await signInOptions(deps())).challenge;
    expect(await registerPasskey(deps(), ana.id, { name: "Mixed", response: auth.register(signInChallenge) })).toMatchObject({ ok: false });
    expect(await t.db.passkey.count()).toBe(0);
  });

  it("refuses a wrong origin or RP ID, on registration and on sign-in", async () => {
    const ana = await editor();
    const options = await registrationOptions(deps(), ana);
    const phished = await registerPasskey(deps(), ana.id, {
      name: "Phished",
      response: new SoftAuthenticator(rp).register(options.challenge, { origin: "https://news.example.org.evil.example" }),
    });
    expect(phished).toMatchObject({ ok: false, status: 400, field: "response", message: expect.stringMatching(/origin/i) });
    expect(await t.db.passkey.count()).toBe(0);

    const { auth } = await register(ana);
    const counter = (await t.db.passkey.findFirstOrThrow()).counter;
    expect(await signIn(auth, { origin: "https://evil.example" })).toMatchObject({ ok: false, message: expect.stringMatching(/origin/i) });
    expect(await signIn(auth, { rpId: "evil.example" })).toMatchObject({ ok: false, message: expect.stringMatching(/RP ID/i) });
    expect((await t.db.passkey.findFirstOrThrow()).counter).toBe(counter);
  });

  it("refuses an unknown credential and a removed one", async () => {
    const ana = await editor();
    expect(await signIn(new SoftAuthenticator(rp))).toMatchObject({ ok: false, status: 400, field: "response.id" });
    const { auth, passkey } = await register(ana);
    expect(await removePasskey(t.db, "someone-else", passkey.id)).toBeNull();
    expect(await removePasskey(t.db, ana.id, passkey.id)).toBe("Work laptop");
    expect(await signIn(auth)).toMatchObject({ ok: false, field: "response.id" });
  });

  it("refuses a signature counter that did not go up (a cloned authenticator), and accepts authenticators that keep none", async () => {
    const ana = await editor();
    const { auth } = await register(ana);
    expect((await signIn(auth)).ok).toBe(true); // counter 2
    expect(await signIn(auth, { counter: 2 })).toMatchObject({ ok: false, message: expect.stringMatching(/counter/i) });
    expect(await signIn(auth, { counter: 1 })).toMatchObject({ ok: false });
    expect((await t.db.passkey.findFirstOrThrow()).counter).toBe(2);
    expect((await signIn(auth, { counter: 7 })).ok).toBe(true);
    expect((await t.db.passkey.findFirstOrThrow()).counter).toBe(7);

    const synced = new SoftAuthenticator(rp, { counts: false });
    await register(ana, synced, "Synced");
    expect((await signIn(synced)).ok).toBe(true);
    expect((await signIn(synced)).ok).toBe(true);
  });

  it("answers garbage with a 400 naming the field, and changes nothing", async () => {
    const ana = await editor();
    const options = await registrationOptions(deps(), ana);
    const good = new SoftAuthenticator(rp).register(options.challenge);
    const cases: [unknown, string][] = [
      [null, "body"],
      [{ response: good }, "name"],
      [{ name: "x".repeat(61), response: good }, "name"],
      [{ name: "ok", response: "garbage" }, "response"],
      [{ name: "ok", response: { ...good, type: "password" } }, "response.type"],
      [{ name: "ok", response: { ...good, id: "not base64url!" } }, "response.id"],
      [{ name: "ok", response: { ...good, response: { ...good.response, attestationObject: 42 } } }, "response.response.attestationObject"],
      [
        { name: "ok", response: { ...good, response: { ...good.response, clientDataJSON: "bm90IGpzb24" } } },
        "response.response.clientDataJSON",
      ],
    ];
    for (const [input, field] of cases)
      expect(await registerPasskey(deps(), ana.id, input), JSON.stringify(input)).toMatchObject({ ok: false, status: 400, field });
    // The challenge survived the garbage: the good answer still registers.
    expect((await registerPasskey(deps(), ana.id, { name: "ok", response: good })).ok).toBe(true);

    const before = await t.db.passkey.findFirstOrThrow();
    for (const input of [{}, { response: { id: "x" } }, { response: { ...good, response: {} } }, [1, 2]])
      expect(await verifyPasskeySignIn(deps(), input)).toMatchObject({ ok: false, status: 400, field: expect.any(String) });
    expect(await t.db.passkey.findFirstOrThrow()).toEqual(before);
  });

  it("counts attempts per credential and refuses past the limit", async () => {
    const ana = await editor();
    const { auth } = await register(ana);
    const seen: string[] = [];
    const limited = deps({
      limitByCredential: async (id) => {
        seen.push(id);
        return { ok: false, retryAfterSeconds: 60 };
      },
    });
    expect(await signIn(auth, {}, limited)).toMatchObject({ ok: false, status: 429 });
    expect(seen).toEqual([auth.id]);
  });

  it("removing an editor removes their passkeys", async () => {
    await editor("boss@example.org", "admin");
    const ben = await editor("ben@example.org", "moderator");
    await register(ben);
    expect(await t.db.passkey.count()).toBe(1);
    expect((await removeEditor(t.db, OPERATOR, { id: ben.id })).ok).toBe(true);
    expect(await t.db.passkey.count()).toBe(0);
  });
});
