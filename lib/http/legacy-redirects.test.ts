import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { compileRedirects, isFrontPageQuery, keyOfFrom, redirectKey } from "./legacy-redirects";

describe("comparing old addresses", () => {
  it("ignores case, percent-encoding, doubled and trailing slashes, and unrelated queries", () => {
    const k = redirectKey("/2019/03/Walking/");
    expect(k).toBe("/2019/03/walking");
    expect(redirectKey("//2019//03/walking", new URLSearchParams("utm_source=x"))).toBe(k);
    expect(redirectKey("/caf%C3%A9/")).toBe(redirectKey("/café"));
  });

  it("keys the front page by WordPress's first query parameter, and nothing else", () => {
    expect(redirectKey("/", new URLSearchParams("p=12&utm=1"))).toBe("/?p=12");
    expect(redirectKey("/index.php", "page_id=3")).toBe("/?page_id=3");
    expect(redirectKey("/", new URLSearchParams("utm=1"))).toBeNull();
    expect(redirectKey("/")).toBeNull();
    expect(keyOfFrom("/?cat=5")).toBe("/?cat=5");
  });

  it("compiles a list into a lookup table: the first entry for a key wins, self-redirects are dropped", () => {
    expect(
      compileRedirects([
        { from: "/Old/", to: "/articles/a" },
        { from: "/old", to: "/articles/b" },
        { from: "/articles/a/", to: "/articles/a" },
      ]),
    ).toEqual({ "/old": "/articles/a" });
  });

  it("recognises WordPress front-page queries as a from", () => {
    expect(isFrontPageQuery("/?p=12")).toBe(true);
    expect(isFrontPageQuery("/?tag=back-pain")).toBe(true);
    expect(isFrontPageQuery("/?q=12")).toBe(false);
    expect(isFrontPageQuery("/blog?p=12")).toBe(false);
    expect(isFrontPageQuery("/?p=1&x=2")).toBe(false);
  });
});

// proxy.ts against the repository's content/redirects.yaml (/posture → /articles/posture-myths).
describe("proxy.ts", () => {
  const call = (url: string, method = "GET") => proxy(new NextRequest(`https://site.example${url}`, { method }));

  it("answers an old address ending in a slash with one 301 to its new page", () => {
    const r = call("/posture/");
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe("https://site.example/articles/posture-myths");
  });

  it("strips the trailing slash from any other address: 301 for reads, 308 for writes", () => {
    expect(call("/articles/tech-neck/?ref=x").headers.get("location")).toBe("https://site.example/articles/tech-neck?ref=x");
    expect(call("/articles/tech-neck/").status).toBe(301);
    expect(call("/api/comments/", "POST").status).toBe(308);
  });

  it("lets an unknown front-page query through to the home page", () => {
    const r = call("/?p=999999");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-middleware-next")).toBe("1");
  });
});
