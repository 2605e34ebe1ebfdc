// Every console URL, fetched as a moderator, an editor and an admin (the
// signed-out crawl is in newsroom.spec.ts). The list is read from the file
// system (every page.tsx and route.ts under app/newsroom and
// app/api/newsroom), so a new section is crawled without editing this file.
// Asserted: each role is refused server-side exactly where decision 0041 says
// and 0045 (moderator: subscribers, newsletters, stats, editors, audit; editor: editors,
// audit), nothing answers 5xx, and no answer carries an email address other
// than the signed-in editor's own — except the subscriber pages and the CSV
// export, which show subscribers' addresses to editors and admins (decision
// 0043's one exception), and then only addresses of real subscribers.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type BrowserContext } from "@playwright/test";
import Database from "better-sqlite3";
import { tsImport } from "tsx/esm/api";
import { BASE_URL } from "../playwright.config";
import { captchaToken, unique } from "./support";
import type * as Db from "../lib/db";
import type * as Sessions from "../lib/newsroom/sessions";

test.describe.configure({ timeout: 300_000 });

type Role = "moderator" | "editor" | "admin";
const ISSUE = "2027-01-new-year-reset";
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const options = { parentURL: import.meta.url, tsconfig: "tsconfig.scripts.json" };
const modules = (async () => ({
  db: (await tsImport("../lib/db/index.ts", options)) as typeof Db,
  sessions: (await tsImport("../lib/newsroom/sessions.ts", options)) as typeof Sessions,
}))();

function query<T>(sql: string): T[] {
  const db = new Database("data/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

async function signedIn(context: BrowserContext, role: Role) {
  const { db, sessions } = await modules;
  const email = `${unique(`crawl-${role}`)}@example.org`.toLowerCase();
  const editor = await db.db().editor.create({ data: { email, displayName: `Crawl ${role}`, role } });
  const { token } = await sessions.createSession(
    db.db(),
    editor.id,
    { idleMs: 3_600_000, absoluteMs: 86_400_000 },
    { userAgent: "e2e", ipPrefix: null },
  );
  await context.addCookies([{ name: "newsroom_session", value: token, url: BASE_URL, httpOnly: true, sameSite: "Lax" }]);
  return email;
}

/** Every page.tsx / route.ts below `dir`, as [url template, file]. */
function routes(dir: string, file: "page.tsx" | "route.ts"): { template: string; source: string }[] {
  const out: { template: string; source: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === file)
        out.push({ template: "/" + path.relative("app", d).split(path.sep).join("/"), source: readFileSync(p, "utf8") });
    }
  };
  walk(dir);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

/** Real ids for the dynamic segments, so each page shows data rather than "not found". */
function fill(template: string, ids: { subscriber: string; campaign: string }): string {
  return template
    .replace("/subscribers/[id]", `/subscribers/${ids.subscriber}`)
    .replace("/campaigns/[id]", `/campaigns/${ids.campaign}`)
    .replace("[slug]", ISSUE);
}

/** Where each role must be refused (decisions 0041 and 0045). */
function refused(role: Role, url: string): boolean {
  const p = url.replace(/^\/api/, "");
  if (role === "admin") return false;
  if (/^\/newsroom\/(editors|audit)(\/|$|\?)/.test(p)) return true;
  return role === "moderator" && /^\/newsroom\/(subscribers|newsletters|stats)(\/|$|\?)/.test(p);
}

/** The one place addresses may be shown: subscriber pages and the export, to editors and admins. */
const showsSubscribers = (url: string) => /^\/(api\/)?newsroom\/subscribers(\/|$|\?)/.test(url);

test("as each role, every console page and API answers within its rights and shows no one else's address", async ({ browser }) => {
  // A held comment with an address, so the queue has something to (not) leak.
  const commenter = `${unique("commenter")}@example.net`;
  const posted = await fetch(`${BASE_URL}/api/comments`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL },
    body: JSON.stringify({
      articleSlug: "sleeping-positions-for-back-pain",
      name: "Crawl Commenter",
      email: commenter,
      body: `A comment for the role crawl ${unique("c")}`,
      captchaToken: captchaToken(),
    }),
  });
  expect(posted.status).toBe(201);

  const subscriber = query<{ id: string }>(`SELECT "id" FROM "Subscriber" ORDER BY "createdAt" LIMIT 1`)[0]?.id ?? "no-subscriber";
  const campaign = query<{ id: string }>(`SELECT "id" FROM "Campaign" ORDER BY "createdAt" LIMIT 1`)[0]?.id ?? "no-campaign";
  const ids = { subscriber, campaign };
  const subscriberAddresses = () => new Set(query<{ email: string }>(`SELECT "email" FROM "Subscriber"`).map((r) => r.email.toLowerCase()));

  const pages = [
    ...routes("app/newsroom", "page.tsx").map((r) => fill(r.template, ids)),
    "/newsroom/comments?status=approved",
    "/newsroom/comments?status=spam",
    "/newsroom/subscribers?q=reader",
    "/newsroom/audit?before=zzzz",
  ];
  const gets = routes("app/newsroom", "route.ts")
    .concat(routes("app/api/newsroom", "route.ts"))
    .filter((r) => /export async function GET/.test(r.source))
    .map((r) => fill(r.template, ids));
  const posts = routes("app/api/newsroom", "route.ts")
    .filter((r) => /export async function POST/.test(r.source))
    .map((r) => fill(r.template, ids))
    // Signing out ends the crawl's session: it is posted last, below.
    .filter((url) => url !== "/api/newsroom/sign-out");
  expect(pages).toContain("/newsroom/account");
  expect(posts).toContain("/api/newsroom/passkeys");
  expect(gets).toContain(`/newsroom/newsletters/${ISSUE}/email`);

  for (const role of ["moderator", "editor", "admin"] as const) {
    const context = await browser.newContext({ baseURL: BASE_URL });
    const own = await signedIn(context, role);
    const page = await context.newPage();
    const problems: string[] = [];
    let subscriberAddressesSeen = 0;
    const checkAddresses = async (url: string, text: string) => {
      const found = [...new Set((text.match(ADDRESS) ?? []).map((a) => a.toLowerCase()))].filter((a) => a !== own);
      if (showsSubscribers(url)) subscriberAddressesSeen += found.length;
      const allowed = role !== "moderator" && showsSubscribers(url) ? subscriberAddresses() : new Set<string>();
      const leaks = found.filter((a) => !allowed.has(a));
      if (leaks.length) problems.push(`${role} ${url}: shows ${leaks.join(", ")}`);
    };

    for (const url of pages) {
      const r = await page.goto(url);
      const status = r?.status() ?? 0;
      const landed = new URL(page.url()).pathname;
      if (status >= 500) problems.push(`${role} ${url}: ${status}`);
      if (landed === "/newsroom/sign-in") problems.push(`${role} ${url}: sent to sign-in while signed in`);
      const wasRefused = landed === "/newsroom/forbidden" && !url.startsWith("/newsroom/forbidden");
      if (wasRefused !== refused(role, url))
        problems.push(`${role} ${url}: ${wasRefused ? "refused" : "allowed"} (landed on ${landed}, ${status})`);
      await checkAddresses(url, await page.content());
    }

    const call = async (method: "GET" | "POST", url: string): Promise<APIResponse> => {
      if (method === "GET") return page.request.get(url, { maxRedirects: 0 });
      if (url === "/api/newsroom/subscribers/import")
        return page.request.post(url, {
          headers: { origin: BASE_URL, accept: "application/json" },
          multipart: { file: { name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("email\n") } },
          maxRedirects: 0,
        });
      if (url === "/api/newsroom/session")
        return page.request.post(url, { headers: { origin: BASE_URL }, form: { token: "x" }, maxRedirects: 0 });
      return page.request.post(url, {
        headers: { origin: BASE_URL, "content-type": "application/json", accept: "application/json" },
        data: "{}",
        maxRedirects: 0,
      });
    };
    for (const [method, url] of [...gets.map((u) => ["GET", u] as const), ...posts.map((u) => ["POST", u] as const)]) {
      const r = await call(method, url);
      const status = r.status();
      if (status >= 500) problems.push(`${role} ${method} ${url}: ${status}`);
      if (status === 401) problems.push(`${role} ${method} ${url}: 401 while signed in`);
      if ((status === 403) !== refused(role, url)) problems.push(`${role} ${method} ${url}: ${status}`);
      await checkAddresses(url, (await r.body()).toString("utf8") + JSON.stringify(r.headers()));
    }

    // The session is still the crawl's (nothing above ended it); signing out ends it.
    const out = await page.request.post("/api/newsroom/sign-out", {
      headers: { origin: BASE_URL, "content-type": "application/json" },
      data: "{}",
    });
    expect(out.status(), role).toBe(200);
    expect((await page.request.get("/newsroom/account", { maxRedirects: 0 })).headers().location ?? "").toContain("/newsroom/sign-in");
    await context.close();
    expect(problems, role).toEqual([]);
    // The detector works: where addresses are allowed (editors and admins on subscriber pages and the export), it finds them.
    if (role === "moderator") expect(subscriberAddressesSeen).toBe(0);
    else expect(subscriberAddressesSeen, role).toBeGreaterThan(0);
  }
});
