// Writes a large WordPress export for the import benchmark: by default 5,000
// posts (half classic-editor HTML, half block-editor), 100,000 comments in
// threads, 30 categories with parents, 300 tags, 12 authors, media and pages,
// about 50 MB. Deterministic (a seeded generator), streamed to disk, so the
// same arguments give the same file. The text is made from this file's own
// sentences.
//
//   npx tsx bench/wordpress/generate.ts <out.xml> [--posts 5000] [--comments 100000]
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export type GenerateOptions = { posts: number; comments: number };

// Mulberry32: small, fast, good enough for test data.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  "A short walk after lunch loosens the hips more than another cup of coffee does.",
  "Most back pain settles within a few weeks, and gentle movement helps it along.",
  "Set the top of the screen at eye height and let the shoulders drop.",
  "Breathe out slowly as you round the back, and in as you let it sag.",
  "If a movement hurts, make it smaller rather than stopping altogether.",
  "Sleep on whichever side is comfortable; a pillow between the knees can help.",
  "Lifting with a straight back matters less than lifting what you are ready for.",
  "Stiffness in the morning often eases after ten minutes of moving about.",
  "Change position often: the best posture is the next one.",
  "Strong hips and a strong trunk share the load the spine would carry alone.",
  "Numbness, weakness or pain down a leg deserve a visit to a clinician.",
  "Stand up for phone calls and the day's sitting shrinks without effort.",
];
const WORDS = ["stretch", "walk", "desk", "sleep", "lift", "core", "hips", "neck", "posture", "breathing", "habit", "morning"];
const COMMENTS = [
  "This helped my mornings a lot, thank you.",
  "Do you have a version of this for people who work standing up?",
  "I tried it for two weeks and the stiffness is much better.",
  "My physio said the same thing about moving little and often.",
  "Could you write about sleeping positions next?",
  "Is this safe to do with a disc problem? I will ask my doctor too.",
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const pad = (n: number) => String(n).padStart(2, "0");
const wpDate = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

export async function generateExport(file: string, o: GenerateOptions): Promise<void> {
  const r = rng(20261125);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, "drain");
  };
  const site = "https://big.bench-site.example";
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Bench Back Care</title>
	<link>${site}</link>
	<description>A generated site for the import benchmark</description>
	<language>en-US</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>${site}</wp:base_site_url>
	<wp:base_blog_url>${site}</wp:base_blog_url>
`);
  const authors = Array.from({ length: 12 }, (_, i) => ({ login: `writer${i}`, name: `Writer Number ${i}` }));
  for (const [i, a] of authors.entries())
    await write(
      `\t<wp:author><wp:author_id>${i + 2}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(`${a.login}@bench-site.example`)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name></wp:author>\n`,
    );
  const categories = Array.from({ length: 30 }, (_, i) => ({
    id: 100 + i,
    slug: `topic-${i}`,
    name: `Topic ${i}`,
    parent: i >= 10 ? `topic-${i % 10}` : "",
  }));
  for (const c of categories)
    await write(
      `\t<wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata(c.parent)}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>\n`,
    );
  const tags = Array.from({ length: 300 }, (_, i) => ({
    slug: `${WORDS[i % WORDS.length]}-${i}`,
    name: `${WORDS[i % WORDS.length]} ${i}`,
  }));
  for (const [i, t] of tags.entries())
    await write(
      `\t<wp:tag><wp:term_id>${1000 + i}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name></wp:tag>\n`,
    );

  const paragraph = (n: number) => Array.from({ length: n }, () => pick(SENTENCES)).join(" ");
  const start = Date.UTC(2012, 0, 1);
  let commentId = 1;
  const commentsPerPost = o.comments / o.posts;
  let commentsLeft = o.comments;
  for (let p = 0; p < o.posts; p++) {
    const id = 10_000 + p;
    const date = new Date(start + p * 3_600_000 * 19);
    const slug = `post-${p}-${pick(WORDS)}`;
    const path = `/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${slug}/`;
    const block = p % 2 === 1;
    const img = `${site}/wp-content/uploads/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/photo-${p}-300x200.jpg`;
    const other = 10_000 + Math.floor(r() * o.posts);
    let content: string;
    if (!block) {
      content = [
        paragraph(4),
        `[caption id="attachment_${id}" align="alignnone" width="300"]<img class="wp-image-${id}" src="${img}" alt="" width="300" height="200" /> ${pick(SENTENCES)}[/caption]`,
        `<h2>${esc(pick(SENTENCES).slice(0, 40))}</h2>`,
        `${paragraph(3)}\n${paragraph(2)}`,
        `<ul>\n<li>${pick(SENTENCES)}</li>\n<li>${pick(SENTENCES)}</li>\n<li>${pick(SENTENCES)}</li>\n</ul>`,
        `See also <a href="${site}/?p=${other}">an earlier piece</a> and {curly} text, a &lt;tag&gt; and an unknown [related_posts count="3"] shortcode.`,
        paragraph(3),
        `<blockquote>${pick(SENTENCES)}</blockquote>`,
        paragraph(2),
      ].join("\n\n");
    } else {
      content = [
        `<!-- wp:paragraph -->\n<p>${paragraph(4)}</p>\n<!-- /wp:paragraph -->`,
        `<!-- wp:image {"id":${id}} -->\n<figure class="wp-block-image"><img src="${img}" alt="${esc(pick(SENTENCES).slice(0, 50))}" class="wp-image-${id}"/><figcaption>${esc(pick(SENTENCES))}</figcaption></figure>\n<!-- /wp:image -->`,
        `<!-- wp:heading -->\n<h2 class="wp-block-heading">${esc(pick(SENTENCES).slice(0, 40))}</h2>\n<!-- /wp:heading -->`,
        `<!-- wp:paragraph -->\n<p>${paragraph(5)} <a href="${site}/?p=${other}">Earlier</a>.</p>\n<!-- /wp:paragraph -->`,
        `<!-- wp:list -->\n<ul><li>${pick(SENTENCES)}</li><li>${pick(SENTENCES)}</li></ul>\n<!-- /wp:list -->`,
        p % 10 === 1
          ? `<!-- wp:embed {"url":"https://www.youtube.com/watch?v=abcdefg${String(p).padStart(4, "0")}"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">https://www.youtube.com/watch?v=abcdefg${String(p).padStart(4, "0")}</div></figure>\n<!-- /wp:embed -->`
          : `<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>${pick(SENTENCES)}</p></blockquote>\n<!-- /wp:quote -->`,
        `<!-- wp:paragraph -->\n<p>${paragraph(3)}</p>\n<!-- /wp:paragraph -->`,
        `<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>Week</td><td>Minutes</td></tr><tr><td>1</td><td>10</td></tr></tbody></table></figure>\n<!-- /wp:table -->`,
        `<!-- wp:paragraph -->\n<p>${paragraph(4)}</p>\n<!-- /wp:paragraph -->`,
      ].join("\n\n");
    }
    const status = p % 97 === 0 ? "draft" : p % 101 === 0 ? "private" : "publish";
    const cat = categories[p % categories.length];
    const postTags = [tags[p % tags.length], tags[(p * 7) % tags.length]];
    const n = p === o.posts - 1 ? commentsLeft : Math.min(commentsLeft, Math.round(commentsPerPost * (0.5 + r())));
    commentsLeft -= n;
    const comments: string[] = [];
    const firstId = commentId;
    for (let c = 0; c < n; c++) {
      const cid = commentId++;
      const parent = c > 0 && r() < 0.35 ? firstId + Math.floor(r() * c) : 0;
      const state = r() < 0.85 ? "1" : r() < 0.5 ? "0" : r() < 0.5 ? "spam" : "trash";
      const type = r() < 0.03 ? "pingback" : "comment";
      const reader = Math.floor(r() * 20_000);
      const at = wpDate(new Date(date.getTime() + (c + 1) * 600_000));
      const text = r() < 0.2 ? `${pick(COMMENTS)} <em>Really.</em>\n\n${pick(COMMENTS)}` : pick(COMMENTS);
      // One line per comment (WordPress indents each field; the size target is the file's, not the layout's).
      comments.push(
        `<wp:comment><wp:comment_id>${cid}</wp:comment_id><wp:comment_author>Reader ${reader}</wp:comment_author><wp:comment_author_email>r${reader}@x.example</wp:comment_author_email><wp:comment_date_gmt>${at}</wp:comment_date_gmt><wp:comment_content>${cdata(text)}</wp:comment_content><wp:comment_approved>${state}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`,
      );
    }
    await write(`	<item>
		<title>${cdata(`${pick(SENTENCES).slice(0, 48)} (${p})`)}</title>
		<link>${site}${path}</link>
		<pubDate>${date.toUTCString().replace("GMT", "+0000")}</pubDate>
		<dc:creator>${cdata(authors[p % authors.length].login)}</dc:creator>
		<guid isPermaLink="false">${site}/?p=${id}</guid>
		<description></description>
		<content:encoded>${cdata(content)}</content:encoded>
		<excerpt:encoded>${cdata(p % 3 === 0 ? paragraph(2) : "")}</excerpt:encoded>
		<wp:post_id>${id}</wp:post_id>
		<wp:post_date>${cdata(wpDate(date))}</wp:post_date>
		<wp:post_date_gmt>${cdata(wpDate(date))}</wp:post_date_gmt>
		<wp:post_modified_gmt>${cdata(wpDate(new Date(date.getTime() + 86_400_000 * 30)))}</wp:post_modified_gmt>
		<wp:comment_status>${cdata("open")}</wp:comment_status>
		<wp:post_name>${cdata(slug)}</wp:post_name>
		<wp:status>${cdata(status)}</wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type>${cdata("post")}</wp:post_type>
		<wp:post_password>${cdata("")}</wp:post_password>
		<category domain="category" nicename="${cat.slug}">${cdata(cat.name)}</category>
${postTags.map((t) => `		<category domain="post_tag" nicename="${t.slug}">${cdata(t.name)}</category>`).join("\n")}
		<wp:postmeta><wp:meta_key>${cdata("_thumbnail_id")}</wp:meta_key><wp:meta_value>${cdata(String(id + 1_000_000))}</wp:meta_value></wp:postmeta>
${comments.join("")}	</item>
	<item>
		<title>${cdata(`photo-${p}`)}</title>
		<link>${site}${path}photo-${p}/</link>
		<wp:post_id>${id + 1_000_000}</wp:post_id>
		<wp:post_parent>${id}</wp:post_parent>
		<wp:status>${cdata("inherit")}</wp:status>
		<wp:post_type>${cdata("attachment")}</wp:post_type>
		<wp:attachment_url>${cdata(img.replace("-300x200", ""))}</wp:attachment_url>
		<wp:postmeta><wp:meta_key>${cdata("_wp_attachment_image_alt")}</wp:meta_key><wp:meta_value>${cdata(pick(SENTENCES).slice(0, 60))}</wp:meta_value></wp:postmeta>
	</item>
`);
  }
  for (let g = 0; g < 20; g++)
    await write(`	<item>
		<title>${cdata(`Page ${g}`)}</title>
		<link>${site}/page-${g}/</link>
		<dc:creator>${cdata("writer0")}</dc:creator>
		<content:encoded>${cdata(paragraph(6))}</content:encoded>
		<wp:post_id>${900 + g}</wp:post_id>
		<wp:post_date_gmt>${cdata("2015-01-01 00:00:00")}</wp:post_date_gmt>
		<wp:post_name>${cdata(`page-${g}`)}</wp:post_name>
		<wp:status>${cdata("publish")}</wp:status>
		<wp:post_type>${cdata("page")}</wp:post_type>
	</item>
`);
  await write("</channel>\n</rss>\n");
  out.end();
  await once(out, "finish");
}

if (process.argv[1]?.endsWith("generate.ts")) {
  const args = process.argv.slice(2);
  const arg = (name: string, dflt: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a)) ?? "bench/results/wordpress-export.xml";
  await generateExport(file, { posts: arg("posts", 5000), comments: arg("comments", 100_000) });
  console.log(`wrote ${file}`);
}
