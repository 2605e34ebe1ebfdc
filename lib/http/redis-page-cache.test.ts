import { describe, expect, it } from "vitest";
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import { applyTag, decode, encode } from "./redis-page-cache.mjs";

const { tagsManifest } = tagsManifestModule as unknown as { tagsManifest: Map<string, { stale?: number; expired?: number }> };

describe("shared page cache entries", () => {
  it("survive the trip through Redis with the RSC payload and segment data as bytes", () => {
    const entry = {
      lastModified: 1_700_000_000_000,
      cacheControl: { revalidate: false, expire: undefined },
      value: {
        kind: "APP_PAGE",
        html: "<p>Caf&#233;</p>",
        rscData: Buffer.from([0, 1, 2, 255]),
        headers: { "x-next-cache-tags": "_N_T_/layout,_N_T_/articles/tech-neck" },
        status: 200,
        segmentData: new Map([["/_tree", Buffer.from("tree")]]),
      },
    };
    const back = decode(encode(entry)) as typeof entry;
    expect(back.value.rscData).toEqual(entry.value.rscData);
    expect(Buffer.isBuffer(back.value.rscData)).toBe(true);
    expect(back.value.segmentData).toBeInstanceOf(Map);
    expect(back.value.segmentData.get("/_tree")?.toString()).toBe("tree");
    expect({ ...back, value: { ...back.value, rscData: null, segmentData: null } }).toEqual({
      ...entry,
      cacheControl: { revalidate: false },
      value: { ...entry.value, rscData: null, segmentData: null },
    });
  });
});

describe("revalidations from other instances", () => {
  it("keep the later time when two instances revalidate the same page", () => {
    applyTag("_N_T_/articles/a", { expired: 200 });
    applyTag("_N_T_/articles/a", { expired: 100 });
    expect(tagsManifest.get("_N_T_/articles/a")).toEqual({ expired: 200 });
    applyTag("_N_T_/articles/a", { stale: 150, expired: 300 });
    expect(tagsManifest.get("_N_T_/articles/a")).toEqual({ stale: 150, expired: 300 });
  });
});
