import { z } from "zod";

/**
 * Topics (decision 0044): the site's categories, as readers choose them for
 * the newsletter and as editors target a campaign at them. A reader either
 * takes everything ("all", kept as its own state so categories added later
 * reach them too) or a list of category slugs. A campaign either goes to
 * everyone or names topics; it reaches readers with "all" and readers who
 * chose at least one of its topics (the SQL of that rule is
 * recipientsWhere in campaigns.ts, the one place it is written).
 */
export type Topic = { slug: string; title: string };
export type TopicChoice = { all: true } | { all: false; topics: string[] };

export const ALL_TOPICS: TopicChoice = { all: true };
const MAX_TOPICS = 50;

/**
 * The raw form or JSON value: a form sends one `topics` field per ticked
 * box (one string, or an array when several are ticked); JSON may send an
 * array or "all". Nothing ticked means everything.
 */
export const topicsField = z
  .union([z.string().max(80), z.array(z.string().max(80)).max(MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics`)], {
    error: "Topics must be a list of topic names",
  })
  .optional();

export type TopicsResult = { ok: true; choice: TopicChoice } | { ok: false; message: string };

/** A reader's choice from the form: nothing ticked (or "all") is everything; every ticked topic must be one of the site's. */
export function readerChoice(raw: string | string[] | undefined, known: readonly Topic[]): TopicsResult {
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((t) => t.trim()).filter(Boolean);
  if (list.length === 0 || list.includes("all")) return { ok: true, choice: ALL_TOPICS };
  const topics = checkedTopics(list, known);
  return "message" in topics ? { ok: false, message: topics.message } : { ok: true, choice: { all: false, topics: topics.slugs } };
}

/** A campaign's topics (frontmatter, --topics, the console's boxes): none means everyone. */
export function campaignTopics(
  raw: readonly string[] | undefined,
  known: readonly Topic[],
): { ok: true; topics: string[] } | { ok: false; message: string } {
  const list = (raw ?? []).map((t) => t.trim()).filter(Boolean);
  const r = checkedTopics(list, known);
  return "message" in r ? { ok: false, message: r.message } : { ok: true, topics: r.slugs };
}

function checkedTopics(list: string[], known: readonly Topic[]): { slugs: string[] } | { message: string } {
  const slugs = new Set(known.map((k) => k.slug));
  const unknown = list.find((t) => !slugs.has(t));
  if (unknown !== undefined)
    return { message: `"${unknown.slice(0, 80)}" is not one of our topics (${known.map((k) => k.slug).join(", ") || "none defined"})` };
  // The site's order, once each: stored lists compare equal however they were ticked.
  return { slugs: known.map((k) => k.slug).filter((s) => list.includes(s)) };
}

/** What the reader chose, in words, for the emails and the preferences page. */
export function describeChoice(choice: TopicChoice, known: readonly Topic[]): string {
  if (choice.all) return "everything we publish, including topics we add later";
  const titles = choice.topics.map((s) => known.find((k) => k.slug === s)?.title ?? s);
  return titles.length <= 1 ? (titles[0] ?? "no topics") : `${titles.slice(0, -1).join(", ")} and ${titles[titles.length - 1]}`;
}

/** The consent record's copy of the choice at that moment: "all" or a JSON array of slugs. */
export const consentTopicsText = (choice: TopicChoice): string => (choice.all ? "all" : JSON.stringify(choice.topics));

/** Back from the consent record (unreadable text is treated as "all": that is what rows from before topics agreed to). */
export function consentTopicsOf(text: string | null | undefined): TopicChoice {
  if (!text || text === "all") return ALL_TOPICS;
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v) && v.every((t) => typeof t === "string")) return { all: false, topics: v };
  } catch {
    // fall through
  }
  return ALL_TOPICS;
}

/** A campaign's stored topics (Campaign.topics): null for everyone. */
export const campaignTopicsText = (topics: readonly string[]): string | null => (topics.length ? JSON.stringify(topics) : null);

/** A subscriber row's choice, from its allTopics flag and its topic rows. */
export const choiceOfRow = (row: { allTopics: boolean; topics: { topic: string }[] }): TopicChoice =>
  row.allTopics ? ALL_TOPICS : { all: false, topics: row.topics.map((t) => t.topic) };

/** Prisma data for writing a choice on a subscriber (create: no deleteMany). */
export const topicsData = (choice: TopicChoice, replace: boolean) => ({
  allTopics: choice.all,
  topics: {
    ...(replace ? { deleteMany: {} } : {}),
    create: choice.all ? [] : choice.topics.map((topic) => ({ topic })),
  },
});
