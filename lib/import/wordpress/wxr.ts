/**
 * A WordPress eXtended RSS (WXR 1.0–1.2) export as the importer sees it:
 * plain records, every field a string as the export wrote it (or empty when
 * the export left it out; real exports leave out a lot). Interpretation
 * (dates, states, slugs) happens in the planner, not here.
 */

export type WxrSite = {
  title: string;
  link: string;
  description: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
};

export type WxrAuthor = {
  line: number;
  id: string;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  /** Not in WordPress's own exporter; some plugins add it. */
  description: string;
};

/** A category, tag or other term declared at the top of the export. */
export type WxrTerm = {
  line: number;
  id: string;
  /** category | post_tag | nav_menu | a custom taxonomy */
  taxonomy: string;
  slug: string;
  name: string;
  /** The parent's slug (categories) — WordPress writes the slug, not the id. */
  parent: string;
  description: string;
};

/** A term attached to an item: `<category domain="category" nicename="back-pain">Back pain</category>`. */
export type WxrItemTerm = { domain: string; nicename: string; name: string };

export type WxrComment = {
  line: number;
  id: string;
  author: string;
  authorEmail: string;
  authorUrl: string;
  date: string;
  dateGmt: string;
  content: string;
  /** 1 | 0 | spam | trash | post-trashed */
  approved: string;
  /** "" | comment | pingback | trackback | … */
  type: string;
  parent: string;
  userId: string;
};

export type WxrItem = {
  /** Line of `<item>` in the export. */
  line: number;
  title: string;
  link: string;
  pubDate: string;
  creator: string;
  guid: string;
  description: string;
  content: string;
  excerpt: string;
  id: string;
  date: string;
  dateGmt: string;
  modified: string;
  modifiedGmt: string;
  name: string;
  status: string;
  parent: string;
  menuOrder: string;
  type: string;
  password: string;
  /** "1" for posts pinned to the front page. */
  sticky: string;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: Record<string, string>;
  comments: WxrComment[];
};

export type WxrExport = {
  site: WxrSite;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  items: WxrItem[];
  /** What the reader had to guess or repair (encoding, truncation it tolerated, …). */
  notes: string[];
  /** Bytes read. */
  size: number;
};
