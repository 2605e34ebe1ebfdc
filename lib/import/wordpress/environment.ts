/**
 * What converting a post needs to know about the rest of the export: where
 * old links lead now (and why some cannot), the media library, reusable
 * blocks, and where uploads are copied from. Plain data, so the planner can
 * hand a copy to each conversion worker (convert-pool.ts); each copy records
 * the media it decided to copy or keep remote, and the planner merges them.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { redirectKey } from "../../http/legacy-redirects";
import type { AttachmentInfo, ConvertContext } from "./html/prepare";
import { OldSite } from "./site";
import type { WxrSite } from "./wxr";

/** Where imported media go under public/, and the URL they are served at. */
export const MEDIA_DIR = "images/wordpress";

export type Attachment = AttachmentInfo & { parent: string; link: string; line: number };

export type EnvironmentState = {
  site: WxrSite;
  /** Redirect key of an old address → its new URL. */
  targets: Map<string, string>;
  /** Redirect key → why a link there cannot be followed yet (a draft, …). */
  hidden: Map<string, string>;
  attachments: Map<string, Attachment>;
  attachmentsByParent: Map<string, AttachmentInfo[]>;
  reusable: Map<string, string>;
  uploads?: string;
};

export class ConvertEnvironment {
  readonly site: OldSite;
  /** Uploads-relative original → its public URL, for every file this environment chose to copy. */
  readonly copies = new Map<string, string>();
  readonly remote = new Set<string>();
  private readonly exists = new Map<string, boolean>();

  constructor(readonly state: EnvironmentState) {
    this.site = new OldSite(state.site);
  }

  private uploadExists(rel: string): boolean {
    if (!this.state.uploads) return false;
    let v = this.exists.get(rel);
    if (v === undefined) {
      const f = path.join(this.state.uploads, rel);
      v = existsSync(f) && statSync(f).isFile();
      this.exists.set(rel, v);
    }
    return v;
  }

  /** An image or file address → the address to use: a copy under public/, or the remote one (https). */
  media(raw: string): { url: string; issue?: string } {
    const u = this.site.resolve(raw);
    if (!u) return { url: raw };
    const rel = this.site.uploadsPath(u);
    if (rel && this.state.uploads) {
      // WordPress's resized copies (-300x200, -scaled) → the original upload.
      const original = rel.replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, "$1");
      const choice = [original, original.replace(/(\.[A-Za-z0-9]+)$/, "-scaled$1"), rel].find((r) => this.uploadExists(r));
      if (choice) {
        let url = this.copies.get(choice);
        if (!url) {
          url = `/${MEDIA_DIR}/${choice
            .split("/")
            .map((p) => p.replace(/[^A-Za-z0-9._-]+/g, "-"))
            .join("/")}`;
          this.copies.set(choice, url);
        }
        return { url };
      }
      this.remote.add(httpsOf(u));
      return { url: httpsOf(u), issue: `${rel} is not in the uploads folder; the remote address was kept` };
    }
    this.remote.add(httpsOf(u));
    return { url: httpsOf(u) };
  }

  /** An old link → where it points now; null drops the link (keeping its text). */
  link(href: string): { url: string; issue?: string } | null {
    if (/^(javascript|data|vbscript):/i.test(href.trim())) return null;
    const u = this.site.resolve(href);
    if (!u || !this.site.isInternal(u)) return { url: href };
    if (this.site.uploadsPath(u)) return this.media(href);
    const key = redirectKey(u.pathname, u.searchParams);
    const hash = u.hash && u.hash.length > 1 ? u.hash : "";
    if (!key) return { url: `/${hash}` };
    const to = this.state.targets.get(key);
    if (to) return { url: to + hash };
    const why = this.state.hidden.get(key);
    return {
      url: httpsOf(u),
      issue: why
        ? `a link points to ${why}; it keeps the old address until that article is published`
        : `a link to ${u.pathname}${u.search} on the old site matches nothing that was imported; it keeps the old address`,
    };
  }

  contextFor(postId: string, footnotesMeta: string | undefined): ConvertContext {
    return {
      link: (h) => this.link(h),
      media: (s) => this.media(s),
      attachment: (id) => this.state.attachments.get(id),
      attachmentsOfPost: () => this.state.attachmentsByParent.get(postId) ?? [],
      reusableBlock: (id) => this.state.reusable.get(id),
      footnotes: parseFootnotes(footnotesMeta),
    };
  }
}

export function httpsOf(u: URL): string {
  const x = new URL(u.href);
  if (x.protocol === "http:") x.protocol = "https:";
  return x.href;
}

function parseFootnotes(raw: string | undefined): { id: string; content: string }[] {
  if (!raw) return [];
  try {
    const list = JSON.parse(raw);
    return Array.isArray(list)
      ? list.filter((f) => f && typeof f.id === "string" && typeof f.content === "string").map((f) => ({ id: f.id, content: f.content }))
      : [];
  } catch {
    return [];
  }
}
