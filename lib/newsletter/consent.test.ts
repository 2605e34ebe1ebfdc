import { describe, expect, it } from "vitest";
import { truncatedAddress as truncateIp } from "../security/client-address";
import { CONSENT_SOURCE, CONSENT_TEXT, CONSENT_TEXTS, CONSENT_VERSION } from "./consent";

describe("consent record", () => {
  it("keeps the current text under its version", () => {
    expect(CONSENT_TEXTS[CONSENT_VERSION]).toBe(CONSENT_TEXT);
  });
  it("truncates IP addresses to a network, not a person", () => {
    expect(truncateIp("203.0.113.77")).toBe("203.0.113.0");
    expect(truncateIp("::ffff:198.51.100.9")).toBe("198.51.100.0");
    expect(truncateIp("2001:db8:abcd:12:1:2:3:4")).toBe("2001:db8:abcd::");
    expect(truncateIp("2001:db8::1")).toBe("2001:db8:0::");
    expect(truncateIp("unknown")).toBeNull();
  });
  it("accepts only known form locations", () => {
    for (const ok of ["home", "newsletter-page", "article:posture-myths", "import:list.csv"]) expect(CONSENT_SOURCE.test(ok)).toBe(true);
    for (const bad of ["", "article:", "article:<script>", "elsewhere", "import:../x y"]) expect(CONSENT_SOURCE.test(bad)).toBe(false);
  });
});
