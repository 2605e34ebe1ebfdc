"use client";

import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import { useState, useSyncExternalStore, type FormEvent } from "react";

/**
 * The browser half of passkeys (decision 0047), loaded by the newsroom's
 * sign-in and account pages only: reader pages never carry it. Each
 * button asks the server for options, hands them to the browser's WebAuthn
 * prompt through @simplewebauthn/browser and posts the answer back; the
 * server checks everything. Without JavaScript or WebAuthn the buttons are
 * not shown and the emailed link remains.
 */

async function postJson(url: string, body: unknown): Promise<{ ok: boolean; data: Record<string, unknown> }> {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: r.ok, data };
}

const problem = (err: unknown) =>
  err instanceof WebAuthnError && err.name === "NotAllowedError"
    ? "The passkey prompt was closed or timed out."
    : err instanceof Error
      ? err.message
      : "Something went wrong.";

const noSubscription = () => () => {};
/** False on the server and before hydration, then what the browser can do: the button appears only where it works. */
const useWebAuthn = () => useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => false);

/** A button's state: busy while `attempt` runs; if it throws, the problem is shown and the button is free again (on success the page moves on). */
function useAttempt() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (attempt: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    attempt().catch((err) => {
      setError(problem(err));
      setBusy(false);
    });
  };
  const alert = error ? (
    <p className="newsroom-error" role="alert">
      {error}
    </p>
  ) : null;
  return { busy, run, alert };
}

export function PasskeySignIn() {
  const supported = useWebAuthn();
  const { busy, run, alert } = useAttempt();
  if (!supported) return null;
  const signIn = () =>
    run(async () => {
      const options = await postJson("/api/newsroom/passkey-sign-in/options", {});
      if (!options.ok) throw new Error(String(options.data.error ?? "Could not start the sign-in"));
      const response = await startAuthentication({ optionsJSON: options.data as never });
      const verified = await postJson("/api/newsroom/passkey-sign-in", { response });
      if (!verified.ok) throw new Error(String(verified.data.error ?? "The passkey was not accepted"));
      window.location.assign(String(verified.data.redirect ?? "/newsroom"));
    });
  return (
    <div className="newsroom-passkey">
      <p>Or, if you added a passkey to your account:</p>
      <button type="button" onClick={signIn} disabled={busy}>
        Sign in with a passkey
      </button>
      {alert}
    </div>
  );
}

export function PasskeyRegister() {
  const supported = useWebAuthn();
  const { busy, run, alert } = useAttempt();
  if (!supported) return <p className="meta">This browser cannot make passkeys.</p>;
  const register = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    run(async () => {
      const options = await postJson("/api/newsroom/passkeys/options", {});
      if (!options.ok) throw new Error(String(options.data.error ?? "Could not start"));
      const response = await startRegistration({ optionsJSON: options.data as never });
      const saved = await postJson("/api/newsroom/passkeys", { name, response });
      if (!saved.ok) throw new Error(String(saved.data.error ?? "The passkey was not accepted"));
      const url = new URL(window.location.href);
      url.search = `?notice=${encodeURIComponent(String(saved.data.notice ?? "Passkey added"))}`;
      window.location.assign(url.toString());
    });
  };
  return (
    <form className="newsroom-form" onSubmit={register}>
      <label htmlFor="passkey-name">Name for the new passkey</label>
      <input id="passkey-name" name="name" required maxLength={60} placeholder="e.g. Work laptop" />
      <button type="submit" disabled={busy}>
        Add a passkey
      </button>
      {alert}
    </form>
  );
}
