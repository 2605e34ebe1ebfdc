import { createHmac, timingSafeEqual } from "node:crypto";
import { keyring, type SigningKeys } from "../security/signed-token";

/**
 * The per-delivery Return-Path (VERP): `bounces+<ref>.<mac>@example.com`,
 * where <ref> names the delivery and <mac> is a truncated HMAC of it. A
 * bounce report is sent to the envelope sender, so the address it arrives
 * at says which delivery bounced even when the report quotes nothing of
 * the original message.
 *
 * Not the signed-token format of lib/security: RFC 5321 limits a local part
 * to 64 characters and some servers lower-case it, so the reference is
 * lower-case base32 and short. A delivery id made by createCampaign
 * (`c<24 hex>-<subscriber cuid>`) packs into 20 + 25 characters; any other
 * id is carried whole after a "-" (longer, still correct). 45 bits of MAC
 * are plenty against guessing: each guess costs the forger one email, and a
 * wrong one changes nothing.
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const MAC_CHARS = 9;
const COMPACT = /^c([0-9a-f]{24})-([a-z0-9]+)$/;

function base32(bytes: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) return undefined;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  const out = Buffer.from(bytes);
  // One spelling per id: re-encoding must give the same text.
  return base32(out) === text ? out : undefined;
}

const macOf = (key: string, deliveryId: string) =>
  base32(createHmac("sha256", key).update(`verp\0${deliveryId}`).digest()).slice(0, MAC_CHARS);

function refOf(deliveryId: string): string {
  const m = COMPACT.exec(deliveryId);
  return m ? base32(Buffer.from(m[1], "hex")) + m[2] : `-${base32(Buffer.from(deliveryId, "utf8"))}`;
}

function deliveryOf(ref: string): string | undefined {
  if (ref.startsWith("-")) return unbase32(ref.slice(1))?.toString("utf8");
  const campaign = unbase32(ref.slice(0, 20));
  const subscriber = ref.slice(20);
  if (!campaign || campaign.length !== 12 || !/^[a-z0-9]+$/.test(subscriber)) return undefined;
  return `c${campaign.toString("hex")}-${subscriber}`;
}

/** The envelope sender for one delivery, given the bounce mailbox (e.g. bounces@example.com). */
export function bounceAddressFor(bounceMailbox: string, keys: SigningKeys | string, deliveryId: string): string {
  const at = bounceMailbox.lastIndexOf("@");
  return `${bounceMailbox.slice(0, at)}+${refOf(deliveryId)}.${macOf(keyring(keys).current, deliveryId)}@${bounceMailbox.slice(at + 1)}`;
}

/** The delivery an address was made for, or undefined when it is not one of ours or was tampered with. */
export function deliveryFromBounceAddress(address: string, keys: SigningKeys | string): string | undefined {
  const local = address.trim().toLowerCase().replace(/^<|>$/g, "").split("@")[0] ?? "";
  const plus = local.indexOf("+");
  const dot = local.lastIndexOf(".");
  if (plus < 0 || dot < plus) return undefined;
  const mac = local.slice(dot + 1);
  const deliveryId = deliveryOf(local.slice(plus + 1, dot));
  if (!deliveryId || mac.length !== MAC_CHARS) return undefined;
  const ring = keyring(keys);
  const given = Buffer.from(mac);
  return [ring.current, ...ring.previous].some((k) => timingSafeEqual(given, Buffer.from(macOf(k, deliveryId)))) ? deliveryId : undefined;
}

/** `<campaign.delivery@host>` (delivery-state.ts messageIdFor) back to the delivery id. */
export function deliveryFromMessageId(messageId: string): { campaignId: string; deliveryId: string } | undefined {
  const m = /^<?([^.<>@\s]+)\.([^<>@\s]+)@[^<>\s]+>?$/.exec(messageId.trim());
  if (!m || !m[2].startsWith(`${m[1]}-`)) return undefined;
  return { campaignId: m[1], deliveryId: m[2] };
}
