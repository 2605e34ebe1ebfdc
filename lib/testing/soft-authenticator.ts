import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";

/**
 * A software WebAuthn authenticator for tests of lib/newsroom/passkeys.ts:
 * an ES256 key pair, "none" attestation, a signature counter, and the user
 * present and verified flags — the answers a browser would send, built from
 * the specification's byte layout (authenticator data, COSE key, CBOR
 * attestation object). The end-to-end journey uses Chromium's own virtual
 * authenticator instead.
 */
export class SoftAuthenticator {
  readonly credentialId = new Uint8Array(randomBytes(16));
  readonly id = isoBase64URL.fromBuffer(this.credentialId);
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly cose: Uint8Array;
  constructor(
    private readonly rp: { id: string; origin: string },
    private readonly opts: { counts?: boolean } = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]);
    this.cose = isoCBOR.encode(coseKey);
  }

  private authData(rpId: string, attested: boolean): Uint8Array<ArrayBuffer> {
    if (this.opts.counts !== false) this.counter += 1;
    const rpIdHash = createHash("sha256").update(rpId).digest();
    const flags = 0x01 | 0x04 | (attested ? 0x40 : 0); // user present, user verified, attested credential data
    const count = Buffer.alloc(4);
    count.writeUInt32BE(this.opts.counts === false ? 0 : this.counter);
    const parts: Uint8Array[] = [rpIdHash, Uint8Array.of(flags), count];
    if (attested) {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(new Uint8Array(16), len, this.credentialId, this.cose); // AAGUID of zeros, as "none" attestation allows
    }
    return new Uint8Array(Buffer.concat(parts));
  }

  private clientData(type: string, challenge: string, origin: string): Uint8Array<ArrayBuffer> {
    return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
  }

  /** The browser's answer to registration options (`startRegistration`'s result). */
  register(challenge: string, over: { origin?: string; rpId?: string } = {}) {
    const authData = this.authData(over.rpId ?? this.rp.id, true);
    const attestation = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", authData],
      ]) as Parameters<typeof isoCBOR.encode>[0],
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(this.clientData("webauthn.create", challenge, over.origin ?? this.rp.origin)),
        attestationObject: isoBase64URL.fromBuffer(attestation),
        transports: ["internal"],
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  /** The browser's answer to sign-in options (`startAuthentication`'s result). */
  assert(challenge: string, over: { origin?: string; rpId?: string; counter?: number } = {}) {
    const authData = this.authData(over.rpId ?? this.rp.id, false);
    if (over.counter !== undefined) Buffer.from(authData.buffer, authData.byteOffset + 33, 4).writeUInt32BE(over.counter);
    const clientData = this.clientData("webauthn.get", challenge, over.origin ?? this.rp.origin);
    const signature = sign("sha256", Buffer.concat([authData, createHash("sha256").update(clientData).digest()]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientData),
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(new Uint8Array(signature)),
      },
      clientExtensionResults: {},
    };
  }
}
