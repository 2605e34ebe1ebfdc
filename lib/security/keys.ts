import "server-only";
import { env } from "../env";
import type { SigningKeys } from "./signed-token";

let cached: { from: string; keys: SigningKeys } | undefined;
/** The keyring from configuration: SECRET_KEY signs, SECRET_KEY_PREVIOUS (comma-separated) still verifies. */
export function signingKeys(): SigningKeys {
  const e = env();
  const from = `${e.SECRET_KEY}\0${e.SECRET_KEY_PREVIOUS.join(",")}`;
  if (cached?.from !== from) cached = { from, keys: { current: e.SECRET_KEY, previous: e.SECRET_KEY_PREVIOUS } };
  return cached.keys;
}
