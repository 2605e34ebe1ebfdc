// Test support: a real HTTP server on 127.0.0.1 that answers the siteverify
// protocol. The token names the scenario, e.g. "pass", "pass:score=0.2",
// "pass:host=evil.example", "pass:action=signup", "fail", "expired", "slow", "500".
import http from "node:http";
import type { AddressInfo } from "node:net";

export type StandIn = { url: string; requests: URLSearchParams[]; close(): Promise<void> };

// A stand-in for the provider's widget script (reCAPTCHA v2's explicit-render
// API): a real checkbox that yields single-use "pass" tokens, and a hook
// (window.__expireCaptcha) that fires the widget's expiry callback.
const WIDGET_JS = `(() => {
  let n = 0; const widgets = [];
  window.grecaptcha = {
    render(el, o) {
      const id = widgets.length;
      el.innerHTML = '<label style="display:inline-flex;gap:.5rem;align-items:center;border:1px solid #999;padding:.5rem"><input type="checkbox" class="stand-in-captcha"> I am not a robot</label>';
      const box = el.querySelector("input");
      box.addEventListener("change", () => { if (box.checked) o.callback("pass:n=" + Date.now() + "-" + (++n) + "-" + Math.random().toString(36).slice(2)); });
      widgets.push({ box, o });
      window.__expireCaptcha = () => widgets.forEach((w) => { w.box.checked = false; w.o["expired-callback"] && w.o["expired-callback"](); });
      return id;
    },
    reset(id) { const w = widgets[id ?? 0]; if (w) w.box.checked = false; },
  };
})();`;

export async function startSiteverifyStandIn(opts: { hostname?: string; secret?: string; port?: number } = {}): Promise<StandIn> {
  const requests: URLSearchParams[] = [];
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url?.startsWith("/api.js")) {
      res.writeHead(200, { "Content-Type": "text/javascript" });
      return void res.end(WIDGET_JS);
    }
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const form = new URLSearchParams(raw);
      requests.push(form);
      const token = form.get("response") ?? "";
      const [kind, ...params] = token.split(":");
      const p = Object.fromEntries(params.map((x) => x.split("=")));
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (opts.secret && form.get("secret") !== opts.secret) return send(200, { success: false, "error-codes": ["invalid-input-secret"] });
      if (kind === "slow") return void setTimeout(() => send(200, { success: true }), 10_000);
      if (kind === "500") return send(500, { error: "boom" });
      if (kind === "expired") return send(200, { success: false, "error-codes": ["timeout-or-duplicate"] });
      if (kind !== "pass") return send(200, { success: false, "error-codes": ["invalid-input-response"] });
      send(200, {
        success: true,
        challenge_ts: new Date().toISOString(),
        // "pass:host=none" answers without a hostname, as a misconfigured or farmed key can.
        ...(p.host === "none" ? {} : { hostname: p.host ?? opts.hostname ?? "localhost" }),
        ...(p.action ? { action: p.action } : {}),
        ...(p.score ? { score: Number(p.score) } : {}),
      });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
