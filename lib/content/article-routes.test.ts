import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ARTICLE_ROUTES_DIR, articleRouteFile, hasArticleRoute } from "./article-routes";

describe("generated article routes", () => {
  it("writes a static route under a route group, so the URL stays /articles/<slug>", () => {
    const { file, source } = articleRouteFile("posture-myths");
    expect(file).toBe(path.join("app", "(site)", "articles", "(prebuilt)", "posture-myths", "page.tsx"));
    expect(source).toContain('<ArticlePage slug="posture-myths" />');
    expect(source).toContain('articleMetadata("posture-myths")');
  });

  it("refuses anything but a plain slug, so nothing odd reaches a path or source code", () => {
    for (const bad of ["../etc", 'a"b', "A-Title", "", "two--dashes", "-lead"]) expect(() => articleRouteFile(bad)).toThrow(/not a plain slug/);
  });

  it("knows which articles have a generated route", () => {
    const root = mkdtempSync(path.join(tmpdir(), "article-routes-"));
    mkdirSync(path.join(root, ARTICLE_ROUTES_DIR, "tech-neck"), { recursive: true });
    writeFileSync(path.join(root, ARTICLE_ROUTES_DIR, "tech-neck", "page.tsx"), "");
    expect(hasArticleRoute("tech-neck", root)).toBe(true);
    expect(hasArticleRoute("posture-myths", root)).toBe(false);
    expect(hasArticleRoute("../tech-neck", root)).toBe(false);
  });
});
