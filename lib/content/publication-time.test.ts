import { describe, expect, it } from "vitest";
import { configuredTimeZone, publicationInstant, PublicationTimeError } from "./publication-time";

const at = (written: string, zone: string) => publicationInstant(written, zone).toISOString();

describe("when a published value happens (decision 0018)", () => {
  it("reads a date or a time without a zone in the publication's zone", () => {
    expect(at("2026-07-01", "UTC")).toBe("2026-07-01T00:00:00.000Z");
    expect(at("2026-07-01", "Europe/London")).toBe("2026-06-30T23:00:00.000Z");
    expect(at("2026-12-01", "Europe/London")).toBe("2026-12-01T00:00:00.000Z");
    expect(at("2026-12-01T07:00", "America/New_York")).toBe("2026-12-01T12:00:00.000Z");
    expect(at("2026-12-01 07:00:30", "Asia/Kolkata")).toBe("2026-12-01T01:30:30.000Z");
  });

  it("takes a written offset or Z as the instant, whatever the publication's zone", () => {
    expect(at("2026-07-01T07:00+02:00", "America/New_York")).toBe("2026-07-01T05:00:00.000Z");
    expect(at("2026-07-01T07:00-0500", "Europe/London")).toBe("2026-07-01T12:00:00.000Z");
    expect(at("2026-07-01T07:00:00Z", "Asia/Tokyo")).toBe("2026-07-01T07:00:00.000Z");
  });

  it("moves a time the spring change skips to just after the gap", () => {
    // London: 01:00 GMT jumps to 02:00 BST on 29 March 2026; 01:30 does not exist.
    expect(at("2026-03-29T01:30", "Europe/London")).toBe("2026-03-29T01:30:00.000Z");
    // New York: 02:00 EST jumps to 03:00 EDT on 8 March 2026.
    expect(at("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    // Either side of the gap is ordinary.
    expect(at("2026-03-29T00:59", "Europe/London")).toBe("2026-03-29T00:59:00.000Z");
    expect(at("2026-03-29T02:00", "Europe/London")).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the first of a time the autumn change repeats", () => {
    // London: 01:30 happens in BST (00:30 UTC) and again in GMT (01:30 UTC) on 25 October 2026.
    expect(at("2026-10-25T01:30", "Europe/London")).toBe("2026-10-25T00:30:00.000Z");
    // New York: 01:30 EDT (05:30 UTC) then 01:30 EST on 1 November 2026.
    expect(at("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    // The day itself starts at midnight summer time.
    expect(at("2026-10-25", "Europe/London")).toBe("2026-10-24T23:00:00.000Z");
  });

  it("refuses what is not a real date or time", () => {
    for (const bad of ["2026-02-30", "2026-13-01", "2026-07-01T24:30", "1 July 2026", "2026-07-01+02:00", ""])
      expect(() => publicationInstant(bad, "UTC"), bad).toThrow(PublicationTimeError);
  });

  it("reads the zone from PUBLICATION_TIME_ZONE, UTC when unset, and refuses an unknown name", () => {
    expect(configuredTimeZone(undefined)).toBe("UTC");
    expect(configuredTimeZone(" Europe/Paris ")).toBe("Europe/Paris");
    expect(() => configuredTimeZone("Mars/Olympus")).toThrow(/PUBLICATION_TIME_ZONE/);
  });
});
