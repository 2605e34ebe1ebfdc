import { randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { z } from "zod";
import type { Db } from "../db";
import type { LimitResult } from "../security/rate-limit";
import { hashSecret } from "./tokens";

/**
 * Passkeys (WebAuthn), the newsroom's second way in (decision 0047).
 *
 * The cryptography (attestation and assertion parsing, signature checks,
 * origin, RP ID, user presence and verification flags, the counter going
 * up) is @simplewebauthn/server's. What is ours: challenges are stored
 * server-side as hashes, used once (a guarded UPDATE, like sign-in links)
 * within CHALLENGE_MINUTES; a registration challenge belongs to the
 * signed-in editor who asked for it; the credential and its counter live
 * in `Passkey`; a successful sign-in returns the editor, and the caller
 * starts the same session an emailed link starts.
 *
 * Every input from the browser is parsed here with zod first, so garbage
 * answers 400 naming the field and changes nothing.
 */
export const CHALLENGE_MINUTES = 5;
/** An editor with more than this many passkeys is more likely an attacker with a stolen session. */
export const MAX_PASSKEYS_PER_EDITOR = 20;

export type RelyingParty = { id: string; name: string; origin: string };

/** The relying party from the site's own address: RP ID is its host name, the only accepted origin is its origin. */
export function relyingPartyOf(publicUrl: string, siteName: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: siteName, origin: url.origin };
}

export type PasskeyDeps = { db: Db; rp: RelyingParty; now?: () => Date };

export type PasskeyFailure = { ok: false; status: 400 | 404 | 409 | 429; field?: string; message: string; retryAfterSeconds?: number };

const nowOf = (deps: PasskeyDeps) => deps.now?.() ?? new Date();

// ---------------------------------------------------------------- input shapes

const b64url = (max: number) =>
  z
    .string({ error: "must be base64url text" })
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url text");

const credentialId = b64url(1_400);
const extensions = z.record(z.string(), z.unknown()).default({});
const attachment = z.enum(["platform", "cross-platform"]).optional();

const registrationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key", { error: 'must be "public-key"' }),
  response: z.object({
    clientDataJSON: b64url(4_096),
    attestationObject: b64url(12_000),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4_096).optional(),
    authenticatorData: b64url(12_000).optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

const authenticationResponse = z.object({
  id: credentialId,
  rawId: credentialId,
  type: z.literal("public-key", { error: 'must be "public-key"' }),
  response: z.object({
    clientDataJSON: b64url(4_096),
    authenticatorData: b64url(4_096),
    signature: b64url(1_024),
    userHandle: b64url(512).optional(),
  }),
  clientExtensionResults: extensions,
  authenticatorAttachment: attachment,
});

const registrationInput = z.object({
  name: z
    .string({ error: "Give the passkey a name" })
    .trim()
    .min(1, "Give the passkey a name")
    .max(60, "A passkey's name has at most 60 characters")
    .regex(/^[^\p{Cc}]*$/u, "A passkey's name has no control characters"),
  response: registrationResponse,
});

const signInInput = z.object({ response: authenticationResponse });

function failure(error: z.ZodError): PasskeyFailure {
  const issue = error.issues[0];
  const field = issue.path.join(".") || "body";
  const message = issue.path.length && !/^[A-Z]/.test(issue.message) ? `${field} ${issue.message}` : issue.message;
  return { ok: false, status: 400, field, message };
}

/** The challenge the browser signed, read from clientDataJSON (the library checks it again against ours). */
function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(isoBase64URL.toUTF8String(clientDataJSON)) as { challenge?: unknown };
    return typeof data.challenge === "string" && /^[A-Za-z0-9_-]{20,200}$/.test(data.challenge) ? data.challenge : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- challenges

async function newChallenge(deps: PasskeyDeps, purpose: "register" | "sign-in", editorId: string | null): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = new Uint8Array(randomBytes(32));
  const now = nowOf(deps);
  await deps.db.passkeyChallenge.create({
    data: {
      challengeHash: hashSecret(isoBase64URL.fromBuffer(bytes)),
      purpose,
      editorId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
    },
  });
  return bytes;
}

/**
 * Uses a challenge: once (guarded by usedAt being empty, so a replayed or
 * racing answer finds it gone), before it expires, for its purpose and, for
 * a registration, by the editor it was made for.
 */
async function claimChallenge(deps: PasskeyDeps, challenge: string, purpose: "register" | "sign-in", editorId: string | null) {
  const now = nowOf(deps);
  const claimed = await deps.db.passkeyChallenge.updateMany({
    where: { challengeHash: hashSecret(challenge), purpose, editorId, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return claimed.count === 1;
}

const STALE: PasskeyFailure = {
  ok: false,
  status: 400,
  field: "response.response.clientDataJSON",
  message: "This passkey request has expired or was already used. Start again.",
};

// ---------------------------------------------------------------- registration

/** Options for `startRegistration` in the browser of a signed-in editor. */
export async function registrationOptions(
  deps: PasskeyDeps,
  editor: { id: string; displayName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await deps.db.passkey.findMany({ where: { editorId: editor.id }, select: { credentialId: true, transports: true } });
  return generateRegistrationOptions({
    rpName: deps.rp.name,
    rpID: deps.rp.id,
    // The name the browser's passkey picker shows. Never the address: it would be one more place it leaks from.
    userName: editor.displayName,
    userDisplayName: editor.displayName,
    userID: new TextEncoder().encode(editor.id),
    challenge: await newChallenge(deps, "register", editor.id),
    timeout: CHALLENGE_MINUTES * 60_000,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports?.split(",").filter(Boolean) })),
    // Discoverable, so the sign-in page needs no address; verified (PIN, fingerprint), so the passkey alone is enough.
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
}

export type PasskeyRow = {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  deviceType: string;
  backedUp: boolean;
};

export async function registerPasskey(
  deps: PasskeyDeps,
  editorId: string,
  input: unknown,
): Promise<{ ok: true; passkey: PasskeyRow } | PasskeyFailure> {
  const parsed = registrationInput.safeParse(input);
  if (!parsed.success) return failure(parsed.error);
  const { name, response } = parsed.data;
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge)
    return { ok: false, status: 400, field: "response.response.clientDataJSON", message: "The browser's client data is not readable" };
  if (!(await claimChallenge(deps, challenge, "register", editorId))) return STALE;
  if ((await deps.db.passkey.count({ where: { editorId } })) >= MAX_PASSKEYS_PER_EDITOR)
    return { ok: false, status: 400, field: "name", message: `You have ${MAX_PASSKEYS_PER_EDITOR} passkeys: remove one first` };

  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: (c) => c === challenge,
      expectedOrigin: deps.rp.origin,
      expectedRPID: deps.rp.id,
      requireUserVerification: true,
    });
  } catch (err) {
    return { ok: false, status: 400, field: "response", message: `The passkey was not accepted: ${(err as Error).message}` };
  }
  if (!verified.verified) return { ok: false, status: 400, field: "response", message: "The passkey was not accepted" };
  const info = verified.registrationInfo;
  const credential = info.credential;
  if (await deps.db.passkey.findUnique({ where: { credentialId: credential.id }, select: { id: true } }))
    return { ok: false, status: 409, field: "response.id", message: "This passkey is already registered" };
  const row = await deps.db.passkey.create({
    data: {
      credentialId: credential.id,
      editorId,
      publicKey: isoBase64URL.fromBuffer(credential.publicKey),
      counter: credential.counter,
      transports: (credential.transports ?? response.response.transports ?? []).join(",") || null,
      name,
      deviceType: info.credentialDeviceType,
      backedUp: info.credentialBackedUp,
      createdAt: nowOf(deps),
    },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true },
  });
  return { ok: true, passkey: row };
}

export async function listPasskeys(db: Db, editorId: string): Promise<PasskeyRow[]> {
  return db.passkey.findMany({
    where: { editorId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, deviceType: true, backedUp: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Removes one of the editor's own passkeys; another editor's id changes nothing. Returns its name. */
export async function removePasskey(db: Db, editorId: string, id: string): Promise<string | null> {
  const passkey = await db.passkey.findFirst({ where: { id, editorId }, select: { name: true } });
  if (!passkey) return null;
  const removed = await db.passkey.deleteMany({ where: { id, editorId } });
  return removed.count === 1 ? passkey.name : null;
}

// ---------------------------------------------------------------- sign-in

/** Options for `startAuthentication`: no credentials listed, the browser offers the passkeys it has for this site. */
export async function signInOptions(deps: PasskeyDeps): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: deps.rp.id,
    challenge: await newChallenge(deps, "sign-in", null),
    timeout: CHALLENGE_MINUTES * 60_000,
    userVerification: "required",
  });
}

export type PasskeySignInDeps = PasskeyDeps & { limitByCredential: (credentialId: string) => Promise<LimitResult> };

/**
 * Checks a sign-in assertion: the challenge is ours, unused and fresh; the
 * credential is registered; the signature, origin, RP ID and user
 * verification hold; the counter went up (when the authenticator keeps
 * one). On success the counter and last use are stored and the editor is
 * returned; the caller starts a session.
 */
export async function verifyPasskeySignIn(
  deps: PasskeySignInDeps,
  input: unknown,
): Promise<{ ok: true; editorId: string; passkeyId: string; passkeyName: string } | PasskeyFailure> {
  const parsed = signInInput.safeParse(input);
  if (!parsed.success) return failure(parsed.error);
  const { response } = parsed.data;
  const limited = await deps.limitByCredential(response.id);
  if (!limited.ok)
    return {
      ok: false,
      status: 429,
      message: `Too many sign-in attempts with this passkey. Please wait ${limited.retryAfterSeconds} seconds.`,
      retryAfterSeconds: limited.retryAfterSeconds,
    };
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge)
    return { ok: false, status: 400, field: "response.response.clientDataJSON", message: "The browser's client data is not readable" };
  if (!(await claimChallenge(deps, challenge, "sign-in", null))) return STALE;
  const passkey = await deps.db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!passkey)
    return { ok: false, status: 400, field: "response.id", message: "This passkey is not registered here (removed, or for another site?)" };

  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge: (c) => c === challenge,
      expectedOrigin: deps.rp.origin,
      expectedRPID: deps.rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports?.split(",").filter(Boolean),
      },
    });
  } catch (err) {
    return { ok: false, status: 400, field: "response", message: `The passkey was not accepted: ${(err as Error).message}` };
  }
  if (!verified.verified) return { ok: false, status: 400, field: "response", message: "The passkey was not accepted" };
  // Guarded by the counter we checked against: two assertions racing with one counter value store one.
  const stored = await deps.db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: verified.authenticationInfo.newCounter, lastUsedAt: nowOf(deps) },
  });
  if (stored.count !== 1)
    return { ok: false, status: 409, field: "response", message: "This passkey was used at the same moment elsewhere" };
  return { ok: true, editorId: passkey.editorId, passkeyId: passkey.id, passkeyName: passkey.name };
}

/** Drops challenges an hour past their end; the worker's clean-up calls it with the sessions'. */
export async function purgeExpiredChallenges(db: Db, now = new Date()): Promise<number> {
  return (await db.passkeyChallenge.deleteMany({ where: { expiresAt: { lte: new Date(now.getTime() - 3_600_000) } } })).count;
}
