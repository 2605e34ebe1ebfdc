import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pagePathProblem, reservedRouteSegments } from "./site-paths";

const reserved = reservedRouteSegments("/nonexistent");

describe("static page paths", () => {
  it("accepts lower-case paths of one or more segments", () => {
    for (const p of ["/about", "/editorial-policy", "/2019/05/old-page", "/a.html", "/team_2"]) expect(pagePathProblem(p, reserved)).toBeUndefined();
  });

  it("says what to write instead", () => {
    expect(pagePathProblem("about", reserved)).toBe('path "about" must start with a slash, e.g. /about');
    expect(pagePathProblem("/", reserved)).toBe('path "/" is the home page; choose another path such as /about');
    expect(pagePathProblem("/about/", reserved)).toBe('path "/about/" ends with a slash; write /about');
    expect(pagePathProblem("/About Us", reserved)).toBe('path "/About Us" must be lower-case words joined by hyphens between slashes, such as /about-us');
    expect(pagePathProblem("/a//b", reserved)).toBe('path "/a//b" must be lower-case words joined by hyphens between slashes, such as /a/b');
  });

  it("refuses paths under the site's own routes", () => {
    expect(pagePathProblem("/articles/about", reserved)).toBe(
      'path "/articles/about" is under /articles, which the site\'s own pages use; choose a path outside it',
    );
    expect(pagePathProblem("/api", reserved)).toMatch(/under \/api/);
  });

  it("learns route folders from app/, looking into route groups and skipping dynamic segments", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "bim-routes-"));
    for (const d of ["app/(site)/shop", "app/(site)/[...path]", "app/_parts", "app/help"]) mkdirSync(path.join(root, d), { recursive: true });
    const found = reservedRouteSegments(root);
    expect(found.has("shop")).toBe(true);
    expect(found.has("help")).toBe(true);
    expect(found.has("[...path]")).toBe(false);
    expect(found.has("_parts")).toBe(false);
  });
});
