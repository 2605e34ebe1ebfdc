// The document types of contentlayer.config.ts as the check sees them: which
// files each one owns, its fields, and what the check reads in it.
import type { DocumentType, DocumentTypeDef } from "contentlayer2/source-files";
import picomatch from "picomatch";
import type { ClaimKind } from "./claims";

export type DocType = DocumentTypeDef & { matches: (rel: string) => boolean };

export function docTypes(types: DocumentType[]): DocType[] {
  return types.map((t) => {
    const def = (typeof t.def === "function" ? t.def() : t.def) as DocumentTypeDef;
    const isMatch = picomatch(def.filePathPattern ?? "", { dot: false });
    return { ...def, matches: (rel: string) => isMatch(rel) };
  });
}

/** What the claim rules call each type, and which fields are the publisher's own words. */
export const CLAIM_FIELDS: Record<string, { kind: ClaimKind; fields: string[] }> = {
  Article: { kind: "article", fields: ["title", "subtitle", "description"] },
  Page: { kind: "page", fields: ["title", "description"] },
  Product: { kind: "product", fields: ["name", "pitch", "description", "cta"] },
  RecommendationSet: { kind: "recommendation-set", fields: ["heading", "closingLabel"] },
  Newsletter: { kind: "newsletter", fields: ["subject", "preheader"] },
};

/** Lower-case words joined by hyphens: what every file and folder name in content/ must be. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
