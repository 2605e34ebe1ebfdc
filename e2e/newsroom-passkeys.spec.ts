// Passkeys in the newsroom (decision 0047), against the production build with
// Chromium's virtual authenticator (DevTools protocol, WebAuthn domain): an
// editor signs in by link, adds a passkey on the account page, signs out and
// signs in again with the passkey alone; forged answers change nothing.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { BASE_URL } from "../playwright.config";
import { editorsCli, linkIn, unique, waitForMail } from "./support";

test.describe.configure({ timeout: 120_000 });

async function signInByLink(page: Page, email: string) {
  await page.goto("/newsroom/sign-in");
  await page.getByLabel("Your email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByText("If that address belongs to an editor, a sign-in link is on its way")).toBeVisible();
  const mail = await waitForMail(email, /Sign in to the .* newsroom/);
  await page.goto(linkIn(mail, "/newsroom/sign-in/link"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}

/** A platform authenticator that keeps passkeys and verifies the user (as a fingerprint reader would), in this page's browser. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
  };
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

test("an editor adds a passkey, signs out, and signs in with the passkey alone", async ({ page }) => {
  const email = `${unique("passkey")}@example.org`;
  await editorsCli("add", email, "--role", "editor", "--name", "Pat Keyes");
  const authenticator = await virtualAuthenticator(page);
  await signInByLink(page, email);

  await page.goto("/newsroom/account");
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await page.getByLabel("Name for the new passkey").fill("Work laptop");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page.getByText('Passkey "Work laptop" added')).toBeVisible();
  const row = page.getByRole("row", { name: /Work laptop/ });
  await expect(row).toContainText("Never");
  // The account page with a passkey listed passes axe too (newsroom.spec.ts checks it without one).
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
  expect(await authenticator.credentials()).toHaveLength(1);
  const [stored] = rows<{ editorId: string; counter: number }>(
    `SELECT p."editorId", p."counter" FROM "Passkey" p JOIN "Editor" e ON e."id" = p."editorId" WHERE e."email" = ?`,
    email,
  );
  expect(stored).toBeTruthy();

  // Signed out, the sign-in page offers the passkey; no address is typed.
  await page.goto("/newsroom/account");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByText("You are signed out")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  // The same kind of session as a link's, audited as a passkey sign-in; the list shows when it was used.
  await page.goto("/newsroom/account");
  await expect(page.getByRole("row", { name: /Work laptop/ })).not.toContainText("Never");
  await expect(page.getByRole("row", { name: /Chrome on/ }).first()).toBeVisible();
  const audit = rows<{ action: string; after: string | null }>(
    `SELECT "action", "after" FROM "AuditEntry" WHERE "editorId" = ? ORDER BY "at"`,
    stored.editorId,
  );
  expect(audit.map((a) => a.action)).toEqual(["session.sign-in", "passkey.add", "session.sign-in"]);
  expect(JSON.parse(audit[2].after ?? "{}")).toEqual({ method: "passkey", passkey: "Work laptop" });
  const [after] = rows<{ counter: number; lastUsedAt: unknown }>(
    `SELECT "counter", "lastUsedAt" FROM "Passkey" WHERE "editorId" = ?`,
    stored.editorId,
  );
  expect(after.lastUsedAt).not.toBeNull();

  // Removed, it signs nobody in.
  await page.getByRole("button", { name: "Remove the passkey Work laptop" }).click();
  await expect(page.getByText('Passkey "Work laptop" removed')).toBeVisible();
  await expect(page.getByText("You have no passkeys yet.")).toBeVisible();
  await page.context().clearCookies();
  await page.goto("/newsroom/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This passkey is not registered here" })).toBeVisible();
  await expect(page).toHaveURL(/\/newsroom\/sign-in$/);
});

test("forged or garbage answers to the passkey endpoints are a 4xx naming the field, and change nothing", async ({ page, request }) => {
  const counts = () => ["Passkey", "EditorSession", "AuditEntry"].map((t) => rows<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`)[0].n);
  const before = counts();
  const post = (path: string, data: unknown, headers: Record<string, string> = {}) =>
    request.post(path, { headers: { origin: BASE_URL, "content-type": "application/json", ...headers }, data: JSON.stringify(data) });

  const fake = {
    id: "AAAA",
    rawId: "AAAA",
    type: "public-key",
    response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA" },
    clientExtensionResults: {},
  };
  const cases: [unknown, string][] = [
    [{}, "response"],
    [{ response: "garbage" }, "response"],
    [{ response: { ...fake, type: "password" } }, "response.type"],
    [{ response: { ...fake, id: "<script>" } }, "response.id"],
    [{ response: { ...fake, response: { ...fake.response, signature: 42 } } }, "response.response.signature"],
    [{ response: fake }, "response.response.clientDataJSON"], // "{}": no challenge in it
  ];
  for (const [body, field] of cases) {
    const r = await post("/api/newsroom/passkey-sign-in", body);
    expect(r.status(), JSON.stringify(body)).toBe(400);
    expect((await r.json()).field, JSON.stringify(body)).toBe(field);
    expect(r.headers()["set-cookie"] ?? "").not.toContain("newsroom_session");
  }
  expect(
    (
      await request.post("/api/newsroom/passkey-sign-in", { headers: { origin: BASE_URL, "content-type": "application/json" }, data: "{" })
    ).status(),
  ).toBe(400);
  // From another site: refused before anything is read.
  expect((await post("/api/newsroom/passkey-sign-in/options", {}, { origin: "https://evil.example" })).status()).toBe(403);
  expect((await post("/api/newsroom/passkey-sign-in", { response: fake }, { origin: "https://evil.example" })).status()).toBe(403);
  // Registration needs a session.
  for (const path of ["/api/newsroom/passkeys/options", "/api/newsroom/passkeys", "/api/newsroom/passkeys/remove"])
    expect((await post(path, { name: "x", response: fake })).status(), path).toBe(401);

  // Signed in, garbage registrations name their field and store nothing.
  const email = `${unique("garbage-passkey")}@example.org`;
  await editorsCli("add", email, "--role", "moderator", "--name", "Gar Bage");
  await signInByLink(page, email);
  const mid = counts();
  const reg = (data: unknown) =>
    page.request.post("/api/newsroom/passkeys", {
      headers: { origin: BASE_URL, "content-type": "application/json" },
      data: JSON.stringify(data),
    });
  for (const [body, field] of [
    [{ response: fake }, "name"],
    [{ name: "Laptop", response: { ...fake, response: { clientDataJSON: "e30" } } }, "response.response.attestationObject"],
    [
      { name: "Laptop", response: { ...fake, response: { clientDataJSON: "e30", attestationObject: "AAAA" } } },
      "response.response.clientDataJSON",
    ],
  ] as const) {
    const r = await reg(body);
    expect(r.status(), JSON.stringify(body)).toBe(400);
    expect((await r.json()).field).toBe(field);
  }
  const remove = await page.request.post("/api/newsroom/passkeys/remove", {
    headers: { origin: BASE_URL, "content-type": "application/json", accept: "application/json" },
    data: JSON.stringify({ id: "not-one-of-yours" }),
  });
  expect(remove.status()).toBe(404);
  expect(counts()).toEqual(mid);
  expect(mid[0]).toBe(before[0]);
});
