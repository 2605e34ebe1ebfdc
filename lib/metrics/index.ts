import { timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics (decision 0034), one registry per process, kept on
 * globalThis: server.ts (run by tsx) and the route handlers (bundled by
 * Next) load this module separately but must count into the same metrics.
 *
 * What is counted where:
 *   http_request_duration_seconds  server.ts, per route group (route-group.ts), method and status class
 *   comments_total, signups_total  the two intake routes, by outcome
 *   page_cache_lookups_total       the page cache handler (plain counters on globalThis, read at scrape)
 *   newsletter_*                   read from the database at scrape time, so they cover every worker
 */
export type NewsletterSnapshot = { deliveries: Record<string, number>; queueDepth: number; lagSeconds: number };

type Metrics = {
  registry: Registry;
  http: Histogram<"group" | "method" | "code">;
  comments: Counter<"outcome">;
  signups: Counter<"outcome">;
  /** Where the newsletter gauges come from (set once by the server). */
  newsletterSource?: () => Promise<NewsletterSnapshot>;
  latestNewsletter?: NewsletterSnapshot;
};

const KEY = Symbol.for("spine-press.metrics");
// Written by the page cache handler (lib/http/page-cache-state.mjs), which Next loads unbundled.
const pageCacheStats = () =>
  ((globalThis as Record<symbol, unknown>)[Symbol.for("spine-press.page-cache.stats")] ?? {}) as Record<string, number>;
const slot = globalThis as unknown as { [KEY]?: Metrics };

function build(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m: Metrics = {
    registry,
    http: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to answer a request, by route group, method and status class",
      labelNames: ["group", "method", "code"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    comments: new Counter({
      name: "comments_total",
      help: "Comments submitted, by outcome",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    signups: new Counter({ name: "signups_total", help: "Newsletter signups, by outcome", labelNames: ["outcome"], registers: [registry] }),
  };
  new Counter({
    name: "page_cache_lookups_total",
    help: "Page cache lookups by store (file, redis) and result (hit, miss)",
    labelNames: ["store", "result"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [key, n] of Object.entries(pageCacheStats())) {
        const [store, result] = key.split(":");
        this.inc({ store, result }, n);
      }
    },
  });
  // The three newsletter gauges read one snapshot, taken once per scrape by metricsResponse.
  const snapshot = () => m.latestNewsletter;
  new Gauge({
    name: "newsletter_deliveries",
    help: "Newsletter deliveries by state (queued, claimed, sending, sent, failed), all campaigns and workers",
    labelNames: ["status"],
    registers: [registry],
    collect() {
      const s = snapshot();
      this.reset();
      for (const [status, n] of Object.entries(s?.deliveries ?? {})) this.set({ status }, n);
    },
  });
  new Gauge({
    name: "newsletter_queue_depth",
    help: "Deliveries of sending campaigns not yet handed to SMTP",
    registers: [registry],
    collect() {
      this.set(snapshot()?.queueDepth ?? 0);
    },
  });
  new Gauge({
    name: "newsletter_worker_lag_seconds",
    help: "How long the oldest due delivery or scheduled campaign has waited for a worker (0: none waiting)",
    registers: [registry],
    collect() {
      this.set(snapshot()?.lagSeconds ?? 0);
    },
  });
  return m;
}

/** The process's metrics, created on first use. */
export function metrics(): Metrics {
  return (slot[KEY] ??= build());
}

/**
 * The answer to GET /api/metrics: 404 when no METRICS_TOKEN is configured
 * (the endpoint does not exist), 401 without the right bearer token.
 */
export async function metricsResponse(
  authorization: string | undefined,
  token: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  if (!token) return { status: 404, headers: { "Content-Type": "text/plain" }, body: "Not found" };
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "");
  const wanted = Buffer.from(token);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { status: 401, headers: { "Content-Type": "text/plain", "WWW-Authenticate": 'Bearer realm="metrics"' }, body: "Unauthorized" };
  const m = metrics();
  // A database that does not answer leaves the gauges at their last values; the rest is still reported.
  m.latestNewsletter = (await m.newsletterSource?.().catch(() => undefined)) ?? m.latestNewsletter;
  const { registry } = m;
  return { status: 200, headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" }, body: await registry.metrics() };
}
