// `npm start` (and `npm run dev` with --dev): Next's own request handler
// behind a thin Node HTTP server, because these things need the socket and
// the process, which Next's route code never sees:
//   1. who the client is: the socket's address, or the one trusted proxies
//      (TRUST_PROXY) report, written into a header no client can set
//      (x-spine-client-ip; lib/security/gate.ts reads it for rate limits);
//   2. local mode listens on loopback only, so the built-in secret, the
//      outbox mailbox and captcha-off are never reachable from a network;
//   3. slow clients are cut off (header and request timeouts);
//   4. SIGTERM stops accepting, lets requests in flight finish (up to
//      SHUTDOWN_TIMEOUT_SECONDS), writes the click counts held in memory,
//      then exits: a rolling deploy drops nothing.
//   5. pages Next served from its cache are sent again from memory without
//      entering Next's pipeline (lib/http/response-cache.ts, decision 0050);
//   6. every request gets an id (X-Request-Id, and on its log lines), is
//      timed per route group for /api/metrics, and logged (lib/log: JSON
//      lines, emails/IPs/tokens masked; decision 0034).
// Next documents this pattern ("custom server"); it runs the same request
// handler `next start` does (decision 0013).
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import next from "next";
import { db } from "./lib/db";
import { env, EnvError } from "./lib/env";
import { installConsole } from "./lib/log";
import { log } from "./lib/log/app";
import { metrics, metricsResponse } from "./lib/metrics";
import { routeGroup } from "./lib/metrics/route-group";
import { newsletterSnapshot } from "./lib/newsletter/metrics";
import { CLIENT_IP_HEADER } from "./lib/security/gate";
import { flushClickCounts } from "./lib/audience/clicks";
import { clientAddressOf } from "./lib/security/client-address";
import { responseCache } from "./lib/http/response-cache";

const dev = process.argv.includes("--dev");
const LOOPBACK = ["127.0.0.1", "::1"];

function config() {
  try {
    return env();
  } catch (e) {
    console.error(`\n${e instanceof EnvError ? e.message : (e as Error).message}\n`);
    process.exit(1);
  }
}

async function main() {
  const e = config();
  const hosts = e.HOST ? [e.HOST] : e.APP_MODE === "local" ? LOOPBACK : ["0.0.0.0"];
  if (e.APP_MODE === "local" && !hosts.every((h) => h === "localhost" || LOOPBACK.includes(h))) {
    console.error(
      `\nrefusing to start: APP_MODE=local listens on loopback only, but HOST=${e.HOST}.\n` +
        "Local mode uses a public built-in secret, has no captcha and shows every email it sends at /dev/mailbox.\n" +
        "To serve a network, run in production mode (APP_MODE=production; see README, Running in production).\n",
    );
    process.exit(1);
  }
  // instrumentation.ts refuses production without this process around it.
  process.env.SPINE_SERVER = "1";
  // Everything printed, Next's own messages included, becomes a masked log record.
  const logger = log();
  installConsole(logger);
  const httpLog = logger.child({ component: "http" });
  const requestMetrics = e.METRICS_TOKEN ? metrics() : undefined;
  if (requestMetrics) requestMetrics.newsletterSource = () => newsletterSnapshot(db());

  const app = next({ dev, hostname: hosts[0] === "0.0.0.0" ? "localhost" : hosts[0], port: e.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const securityHeaders = baseSecurityHeaders(e);
  // Request ids: this process's random prefix and a counter (unique, cheap, no
  // client can choose one: any X-Request-Id it sends is overwritten).
  const boot = randomBytes(4).toString("hex");
  let sequence = 0;
  const debugEnabled = httpLog.isLevelEnabled("debug");
  // The development server renders every request anew: nothing to keep.
  const pages = dev ? undefined : responseCache();
  const requestHandler = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const id = `${boot}-${(++sequence).toString(36)}`;
    req.headers["x-request-id"] = id;
    res.setHeader("X-Request-Id", id);
    req.headers[CLIENT_IP_HEADER] = clientAddressOf(req, e.TRUST_PROXY);
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // Images are embedded by emails read in webmail (another origin); everything else is ours alone.
    res.setHeader("Cross-Origin-Resource-Policy", req.url?.startsWith("/images/") ? "cross-origin" : "same-origin");
    if (req.url === "/api/metrics" && req.method === "GET") {
      void metricsResponse(req.headers.authorization, e.METRICS_TOKEN).then((r) => {
        res.writeHead(r.status, r.headers).end(r.body);
      });
      return;
    }
    res.once("finish", () => {
      const seconds = (performance.now() - started) / 1000;
      const group = routeGroup(req.url);
      requestMetrics?.http.observe(
        {
          group,
          method: req.method === "GET" || req.method === "HEAD" || req.method === "POST" ? req.method : "other",
          code: `${Math.floor(res.statusCode / 100)}xx`,
        },
        seconds,
      );
      // Reads that went well are debug; changes, client errors and failures are always logged.
      const level =
        res.statusCode >= 500 ? "error" : res.statusCode >= 400 || (req.method !== "GET" && req.method !== "HEAD") ? "info" : "debug";
      if (level === "debug" && !debugEnabled) return;
      httpLog[level](
        {
          reqId: id,
          method: req.method,
          url: req.url,
          group,
          status: res.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
          ip: req.headers[CLIENT_IP_HEADER],
        },
        "request",
      );
    });
    // The newsroom (editors' console) and its API: never indexed, never stored by a cache or the browser's history cache.
    if (/^\/(api\/)?newsroom(\/|\?|$)/.test(req.url ?? "")) {
      res.setHeader("X-Robots-Tag", "noindex, nofollow");
      res.setHeader("Cache-Control", "no-store");
    }
    if (pages?.serve(req, res)) return;
    void handle(req, res);
  };

  const servers: Server[] = [];
  for (const host of hosts) {
    // Timeouts are enforced on this interval (Node's default is 30 s).
    const server = createServer({ connectionsCheckingInterval: 2_000 }, requestHandler);
    // A client that trickles its headers or body is cut off instead of holding a socket forever.
    server.headersTimeout = 15_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    const listening = await new Promise<boolean>((resolve, reject) => {
      server.once("error", (err: NodeJS.ErrnoException) => {
        // No IPv6 on this machine: loopback on IPv4 alone is fine.
        if (host === "::1" && hosts.length > 1 && (err.code === "EADDRNOTAVAIL" || err.code === "EAFNOSUPPORT")) resolve(false);
        else reject(err);
      });
      server.listen(e.PORT, host, () => resolve(true));
    });
    if (listening) servers.push(server);
  }
  const shown = hosts.map((h) => (isIP(h) === 6 ? `[${h}]` : h)).join(", ");
  logger.info(`server: ${dev ? "development" : "production build"} listening on ${shown} port ${e.PORT}; public URL ${e.PUBLIC_URL}`);

  // Scheduled articles go live at their time without a deploy: this process
  // wakes then and regenerates the pages that list them, through its own
  // /api/revalidate (decision 0018). The development server renders every
  // request anew and needs no timer.
  const publishTimer = dev ? undefined : (await import("./wiring/publish-timer")).startSitePublishTimer(selfOrigin(hosts[0], e.PORT));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    publishTimer?.stop();
    const timeoutMs = e.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    logger.info(`server: ${signal}: no new connections; finishing requests in flight (up to ${e.SHUTDOWN_TIMEOUT_SECONDS} s)`);
    const force = setTimeout(() => {
      logger.warn("server: shutdown timeout: closing the remaining connections");
      for (const s of servers) s.closeAllConnections();
    }, timeoutMs);
    force.unref();
    void Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeIdleConnections();
          }),
      ),
    )
      // The last requests have finished: write the clicks still counted in memory (lib/audience/clicks.ts).
      .then(() =>
        flushClickCounts().then(
          (held) => held > 0 && logger.info(`server: wrote ${held} click counter(s) before stopping`),
          (err: unknown) => logger.error({ err }, "server: click counts not written at shutdown"),
        ),
      )
      .then(() => app.close())
      .finally(() => {
        logger.info("server: stopped");
        logger.flush();
        process.exit(0);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

/** How this process reaches itself: loopback when it listens on every address. */
function selfOrigin(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${isIP(h) === 6 ? `[${h}]` : h}:${port}`;
}

/**
 * Headers every response carries. Set here, once, rather than by Next's
 * config rules (matched per request). Each page's Content-Security-Policy
 * comes with the page itself (lib/http/csp.mjs).
 */
function baseSecurityHeaders(e: ReturnType<typeof env>): [string, string][] {
  const headers: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"],
    ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"],
    // Captcha widgets are iframes, not popups; nothing needs a window.opener.
    ["Cross-Origin-Opener-Policy", "same-origin"],
  ];
  if (e.APP_MODE === "production" && e.PUBLIC_URL.startsWith("https:"))
    headers.push(["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]);
  if (e.CSP_REPORT_URI) headers.push(["Reporting-Endpoints", `csp="${e.CSP_REPORT_URI}"`]);
  return headers;
}

main().catch((err) => {
  console.error(`[server] failed to start: ${(err as Error).message}`);
  process.exit(1);
});
