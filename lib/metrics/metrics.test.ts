import { describe, expect, it } from "vitest";
import { busyResponse } from "../http/busy";
import { isDatabaseBusy } from "../db/errors";
import { metrics, metricsResponse } from "./index";
import { routeGroup } from "./route-group";

describe("metrics endpoint", () => {
  it("does not exist without METRICS_TOKEN", async () => {
    expect((await metricsResponse("Bearer anything", undefined)).status).toBe(404);
  });

  it("wants the bearer token", async () => {
    const token = "t".repeat(24);
    expect((await metricsResponse(undefined, token)).status).toBe(401);
    expect((await metricsResponse(`Bearer ${"x".repeat(24)}`, token)).status).toBe(401);
    const ok = await metricsResponse(`Bearer ${token}`, token);
    expect(ok.status).toBe(200);
    expect(ok.headers["Content-Type"]).toContain("text/plain");
  });

  it("reports requests per route group, outcomes and the newsletter gauges", async () => {
    const m = metrics();
    m.http.observe({ group: "article", method: "GET", code: "2xx" }, 0.004);
    m.comments.inc({ outcome: "held" });
    m.signups.inc({ outcome: "accepted" });
    m.newsletterSource = async () => ({ deliveries: { sent: 7, queued: 3 }, queueDepth: 3, lagSeconds: 1.5 });
    const token = "t".repeat(24);
    const { body } = await metricsResponse(`Bearer ${token}`, token);
    expect(body).toContain('http_request_duration_seconds_count{group="article",method="GET",code="2xx"} 1');
    expect(body).toContain('comments_total{outcome="held"} 1');
    expect(body).toContain('signups_total{outcome="accepted"} 1');
    expect(body).toContain('newsletter_deliveries{status="sent"} 7');
    expect(body).toContain("newsletter_queue_depth 3");
    expect(body).toContain("newsletter_worker_lag_seconds 1.5");
    expect(body).toContain("page_cache_lookups_total");
  });

  it("groups paths into a short fixed list", () => {
    expect(routeGroup("/")).toBe("home");
    expect(routeGroup("/articles/posture-myths")).toBe("article");
    expect(routeGroup("/_next/static/chunks/x.js")).toBe("assets");
    expect(routeGroup("/api/comments")).toBe("api-comments");
    expect(routeGroup("/2019/05/some-old-page")).toBe("other-page");
  });
});

describe("a busy database", () => {
  it("is recognised from pg-pool's acquire timeout, Prisma's P2024 and SQLite's lock", () => {
    expect(isDatabaseBusy(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseBusy({ code: "P2024", message: "Timed out fetching a new connection from the connection pool" })).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isDatabaseBusy(new Error("wrapped", { cause: new Error("timeout exceeded when trying to connect") }))).toBe(true);
    expect(isDatabaseBusy(new Error("syntax error at or near"))).toBe(false);
  });

  it("is answered 503 with Retry-After and a sentence", async () => {
    const r = busyResponse();
    expect(r.status).toBe(503);
    expect(r.headers.get("Retry-After")).toBe("5");
    expect((await r.json()).error).toMatch(/try again/);
  });
});
