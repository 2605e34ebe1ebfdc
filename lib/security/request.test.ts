import { describe, expect, it } from "vitest";
import { checkSameOrigin, clientIp, MAX_FORM_BYTES, readBody } from "./request";

const req = (body: string, type: string) => new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": type } });

describe("request checks", () => {
  it("accepts the site's own origin and refuses others or none", () => {
    const h = (o: Record<string, string>) => new Headers(o);
    expect(checkSameOrigin(h({ origin: "https://site.example" }), "https://site.example")).toBeUndefined();
    expect(checkSameOrigin(h({ origin: "http://localhost:3000", host: "localhost:3000" }), "http://localhost:3000")).toBeUndefined();
    expect(checkSameOrigin(h({ origin: "https://evil.example" }), "https://site.example")?.status).toBe(403);
    expect(checkSameOrigin(h({}), "https://site.example")?.status).toBe(403);
    expect(checkSameOrigin(h({ referer: "https://site.example/articles/x" }), "https://site.example")).toBeUndefined();
  });

  it("reads JSON and forms, and refuses the rest with a clear status", async () => {
    expect(await readBody(req('{"a":1}', "application/json"))).toEqual({ kind: "json", data: { a: 1 } });
    expect(await readBody(req("a=1&b=two", "application/x-www-form-urlencoded"))).toEqual({ kind: "form", data: { a: "1", b: "two" } });
    expect(await readBody(req("{bad", "application/json"))).toMatchObject({ status: 400 });
    expect(await readBody(req("[1]", "application/json"))).toMatchObject({ status: 400 });
    expect(await readBody(req("x", "text/plain"))).toMatchObject({ status: 415 });
    expect(await readBody(req("x".repeat(MAX_FORM_BYTES + 1), "application/json"))).toMatchObject({ status: 413 });
    // A streamed body with no Content-Length is cut off at the limit, not buffered whole.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(4096).fill(120));
      },
    });
    const streamed = new Request("http://localhost/api/x", { method: "POST", body: endless, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect(await readBody(streamed)).toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(10);
  });

  it("takes the last forwarded hop as the client address", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4, 10.0.0.9" }))).toBe("10.0.0.9");
    expect(clientIp(new Headers())).toBe("unknown");
  });
});
