import type { Db } from "../db";
import { execute, sql } from "../db/sql";
import { signToken, verifyToken, type SigningKeys } from "../security/signed-token";

/**
 * Counting clicks without tracking people (issue #18).
 *
 * Newsletter links become `/r/<token>?t=<sent>`: the token is signed and
 * carries the campaign and the target URL (so /r/ can only ever send
 * someone where one of our issues pointed: no open redirect); `t` is when
 * this copy was handed to SMTP (base 36 seconds), filled per recipient.
 * Product links are `/go/<product>?from=<article>`, and the product's URL
 * comes from the catalogue, never from the request.
 *
 * Who is not counted (the redirect still happens):
 *   - HEAD requests and prefetches (Purpose/Sec-Purpose: prefetch, X-Moz: prefetch);
 *   - user agents that say they are bots, crawlers, link checkers, previewers or
 *     security scanners (BOT_AGENTS below), and requests with no user agent;
 *   - newsletter clicks less than `scannerSeconds` after that copy was sent:
 *     mail security gateways fetch every link within seconds of delivery,
 *     people do not read that fast.
 * Counts are kept in memory and written in batches (ClickBatcher), so the
 * redirect never waits for the database.
 */
export const CLICK_PURPOSE = "newsletter-click";

export function clickToken(keys: SigningKeys | string, campaignId: string, url: string): string {
  return signToken(keys, CLICK_PURPOSE, JSON.stringify([campaignId, url]));
}

export function readClickToken(keys: SigningKeys | string, token: string): { campaignId: string; url: string } | undefined {
  const r = verifyToken(keys, CLICK_PURPOSE, token);
  if (!r.ok) return undefined;
  try {
    const [campaignId, url] = JSON.parse(r.subject) as unknown[];
    if (typeof campaignId !== "string" || typeof url !== "string" || !/^https?:\/\//.test(url)) return undefined;
    return { campaignId, url };
  } catch {
    return undefined;
  }
}

/** Words in the user agents of crawlers, link checkers, unfurlers and mail security scanners. */
export const BOT_AGENTS =
  /bot\b|bot\/|crawl|spider|slurp|preview|scanner|scan\/|check|monitor|fetch|curl\/|wget|python-requests|python-urllib|go-http-client|java\/|okhttp|axios|node-fetch|undici|headless|phantomjs|lighthouse|facebookexternalhit|whatsapp|skypeuripreview|slackbot|discordbot|telegrambot|barracuda|mimecast|proofpoint|safelinks|symantec|forcepoint|trendmicro|sophos|fortinet|microsoft office|ms-office|outlook-ios-linkpreview|googleimageproxy|yahoomailproxy|apple-mail-privacy/i;

export type ClickRequest = { method: string; headers: Headers };

/** Whether this request is a person's click that should count. */
export function countableClick(r: ClickRequest, o: { sentAt?: Date; now?: Date; scannerSeconds?: number } = {}): boolean {
  if (r.method.toUpperCase() !== "GET") return false;
  const h = r.headers;
  const purpose = `${h.get("purpose") ?? ""} ${h.get("sec-purpose") ?? ""} ${h.get("x-purpose") ?? ""} ${h.get("x-moz") ?? ""}`;
  if (/prefetch|preview/i.test(purpose)) return false;
  const agent = h.get("user-agent") ?? "";
  if (!agent.trim() || BOT_AGENTS.test(agent)) return false;
  if (o.sentAt && o.scannerSeconds) {
    const seconds = ((o.now ?? new Date()).getTime() - o.sentAt.getTime()) / 1000;
    if (seconds < o.scannerSeconds) return false;
  }
  return true;
}

/** `t` of a newsletter link back to a time (base 36 seconds), or undefined. */
export function sentAtOf(t: string | null): Date | undefined {
  if (!t || !/^[0-9a-z]{1,8}$/.test(t)) return undefined;
  return new Date(parseInt(t, 36) * 1000);
}
export const sentAtValue = (d: Date) => Math.floor(d.getTime() / 1000).toString(36);

/**
 * Counts in memory, written every `flushMs` (or when `maxKeys` distinct
 * counters pile up) as one upsert per counter that adds to the stored
 * count. A crash loses at most the clicks of the last `flushMs` (a second
 * by default) — an accepted loss for an aggregate; SIGTERM flushes first.
 */
// The batchers of this process, on globalThis: server.ts (run by tsx) and
// the route handlers that count (bundled by Next) load separate copies of
// this module, and it is server.ts that learns the process is stopping.
const BATCHERS = Symbol.for("spine-press.click-batchers");
const batchers = (): Set<ClickBatcher> => ((globalThis as Record<symbol, Set<ClickBatcher> | undefined>)[BATCHERS] ??= new Set());

/**
 * Writes every batcher's counts now: server.ts calls it on SIGTERM/SIGINT
 * after the last request has finished and before the process exits, so a
 * deploy or a restart loses no clicks. Returns how many counters were held.
 */
export async function flushClickCounts(): Promise<number> {
  let held = 0;
  for (const b of batchers()) {
    held += b.held;
    await b.flush();
  }
  return held;
}

export class ClickBatcher {
  private links = new Map<string, { campaignId: string; url: string; n: number }>();
  private products = new Map<string, { product: string; article: string; day: string; n: number }>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private db: () => Db,
    private opts: { flushMs: number; maxKeys: number; onError?: (e: unknown) => void } = { flushMs: 1000, maxKeys: 5000 },
  ) {
    batchers().add(this);
  }

  /** Distinct counters not yet written. */
  get held(): number {
    return this.links.size + this.products.size;
  }

  link(campaignId: string, url: string): void {
    const key = `${campaignId}\0${url}`;
    const c = this.links.get(key);
    if (c) c.n++;
    else this.links.set(key, { campaignId, url, n: 1 });
    this.schedule();
  }

  product(product: string, article: string, at = new Date()): void {
    const day = at.toISOString().slice(0, 10);
    const key = `${product}\0${article}\0${day}`;
    const c = this.products.get(key);
    if (c) c.n++;
    else this.products.set(key, { product, article, day, n: 1 });
    this.schedule();
  }

  private schedule() {
    if (this.links.size + this.products.size >= this.opts.maxKeys) void this.flush();
    this.timer ??= setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref?.();
  }

  /** Writes what is counted so far; concurrent calls queue behind each other. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((e) => this.opts.onError?.(e));
    return this.flushing;
  }

  private async write() {
    const links = [...this.links.values()];
    const products = [...this.products.values()];
    this.links.clear();
    this.products.clear();
    if (links.length + products.length === 0) {
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const db = this.db();
    const now = new Date();
    for (const l of links)
      await execute(
        db,
        sql`INSERT INTO "LinkClick" ("campaignId", "url", "clicks", "updatedAt") VALUES (${l.campaignId}, ${l.url}, ${l.n}, ${now})
          ON CONFLICT ("campaignId", "url") DO UPDATE SET "clicks" = "LinkClick"."clicks" + ${l.n}, "updatedAt" = ${now}`,
      );
    for (const p of products)
      await execute(
        db,
        sql`INSERT INTO "ProductClick" ("productSlug", "articleSlug", "day", "clicks") VALUES (${p.product}, ${p.article}, ${p.day}, ${p.n})
          ON CONFLICT ("productSlug", "articleSlug", "day") DO UPDATE SET "clicks" = "ProductClick"."clicks" + ${p.n}`,
      );
  }
}

/**
 * Newsletter links through /r/: every http(s) link in the HTML
 * except our own unsubscribe and preferences links (placeholders) is
 * replaced, once per campaign. Our email HTML is React-rendered, so every
 * href is double-quoted with & written as &amp;.
 */
export function rewriteLinks(html: string, redirect: (url: string) => string): string {
  return html.replace(/(<a\b[^>]*?\shref=")(https?:\/\/[^"]+)(")/g, (_, before: string, href: string, after: string) => {
    const url = href.replace(/&amp;/g, "&");
    return `${before}${redirect(url).replace(/&/g, "&amp;")}${after}`;
  });
}
