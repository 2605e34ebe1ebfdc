import { describe, expect, it } from "vitest";
import { allowedOrigins, checkSameOrigin, MAX_FORM_BYTES, readBody } from "./gate";

const req = (body: string, type: string) =>
  new Request("http://localhost/api/x", { method: "POST", body, headers: { "content-type": type } });
const h = (o: Record<string, string>) => new Headers(o);

describe("origin check", () => {
  const production = allowedOrigins({ PUBLIC_URL: "https://site.example", APP_MODE: "production" });
  const local = allowedOrigins({ PUBLIC_URL: "http://localhost:3000", APP_MODE: "local" });

  it("accepts the site's own origin (or Referer) and refuses others or none", () => {
    expect(checkSameOrigin(h({ origin: "https://site.example" }), production)).toBeUndefined();
    expect(checkSameOrigin(h({ referer: "https://site.example/articles/x" }), production)).toBeUndefined();
    expect(checkSameOrigin(h({ origin: "https://evil.example" }), production)?.status).toBe(403);
    expect(checkSameOrigin(h({}), production)?.status).toBe(403);
    expect(checkSameOrigin(h({ origin: "null" }), production)?.status).toBe(403);
  });

  it("never trusts the Host header: an Origin matching a forged Host is refused (DNS rebinding)", () => {
    expect(checkSameOrigin(h({ origin: "http://rebind.example:3000", host: "rebind.example:3000" }), local)?.status).toBe(403);
    expect(checkSameOrigin(h({ origin: "https://evil.example", host: "evil.example" }), production)?.status).toBe(403);
  });

  it("in local mode accepts the loopback names on the same port, and nothing else", () => {
    for (const o of ["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"])
      expect(checkSameOrigin(h({ origin: o }), local)).toBeUndefined();
    expect(checkSameOrigin(h({ origin: "http://127.0.0.1:4000" }), local)?.status).toBe(403);
    expect(checkSameOrigin(h({ origin: "http://127.0.0.1" }), production)?.status).toBe(403);
  });
});

describe("reading bodies", () => {
  it("reads JSON and forms as allowed, and refuses the rest with a clear status", async () => {
    expect(await readBody(req('{"a":1}', "application/json"), ["json", "form"])).toEqual({ kind: "json", data: { a: 1 } });
    expect(await readBody(req("a=1&b=two", "application/x-www-form-urlencoded"), ["json", "form"])).toEqual({
      kind: "form",
      data: { a: "1", b: "two" },
    });
    // A group of checkboxes: every ticked box is kept.
    expect(await readBody(req("topics=back-pain&email=a&topics=neck-pain", "application/x-www-form-urlencoded"), ["form"])).toEqual({
      kind: "form",
      data: { topics: ["back-pain", "neck-pain"], email: "a" },
    });
    expect(await readBody(req("{bad", "application/json"), ["json"])).toMatchObject({ status: 400 });
    expect(await readBody(req("[1]", "application/json"), ["json"])).toMatchObject({ status: 400 });
    expect(await readBody(req("x", "text/plain"), ["json", "form"])).toMatchObject({ status: 415 });
    expect(await readBody(req("a=1", "application/x-www-form-urlencoded"), ["json"])).toMatchObject({ status: 415 });
    expect(await readBody(req("--b\r\n", "multipart/form-data; boundary=b"), ["form", "multipart"])).toEqual({
      kind: "multipart",
      data: {},
    });
  });

  it("refuses bodies over the cap, declared or streamed, without buffering them", async () => {
    expect(await readBody(req("x".repeat(MAX_FORM_BYTES + 1), "application/json"), ["json"])).toMatchObject({ status: 413 });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(4096).fill(120));
      },
    });
    const streamed = new Request("http://localhost/api/x", {
      method: "POST",
      body: endless,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(await readBody(streamed, ["form", "multipart"])).toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(10);
  });

  it("refuses JSON nested too deeply or with too many fields", async () => {
    let deep = "1";
    for (let i = 0; i < 20; i++) deep = `{"a":${deep}}`;
    expect(await readBody(req(deep, "application/json"), ["json"])).toMatchObject({
      status: 400,
      error: expect.stringContaining("nested"),
    });
    const wide = JSON.stringify({ list: Array.from({ length: 500 }, (_, i) => i) });
    expect(await readBody(req(wide, "application/json"), ["json"])).toMatchObject({ status: 400 });
    expect(await readBody(req(JSON.stringify({ a: { b: { c: "ok" } } }), "application/json"), ["json"])).toMatchObject({ kind: "json" });
  });
});

describe("upload forms", () => {
  const upload = (csv: string) => {
    const form = new FormData();
    form.set("state", "pending");
    form.set("file", new File([csv], "list.csv", { type: "text/csv" }));
    return new Request("http://localhost/api/x", { method: "POST", body: form });
  };

  it("parses a multipart body only when asked, files as text, within the byte cap", async () => {
    expect(await readBody(upload("email\na@example.org\n"), ["multipart"], 4096)).toEqual({ kind: "multipart", data: {} });
    expect(await readBody(upload("email\na@example.org\n"), ["multipart"], 4096, true)).toEqual({
      kind: "multipart",
      data: { state: "pending", file: { name: "list.csv", text: "email\na@example.org\n" } },
    });
    expect(await readBody(upload("x".repeat(5000)), ["multipart"], 4096, true)).toMatchObject({ status: 413 });
  });
});
