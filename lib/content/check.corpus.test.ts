// The broken-content corpus: realistic editor mistakes, one per case, each
// applied to a copy of the sample content and checked in-process. Every case
// asserts the exact problems: file, line, column, severity, field and the
// sentence the editor reads. A case with an empty list proves a rule does not
// fire where it must not (quotations, negations, citations, accepted claims).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentTypes } from "../../contentlayer.config";
import { checkContent } from "./check";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-11-25T12:00:00Z");
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

type Fixture = {
  edit: (file: string, change: (text: string) => string) => void;
  write: (file: string, text: string) => void;
  remove: (file: string) => void;
  /** Adds MDX at the end of a file's body. */
  append: (file: string, text: string) => void;
  /** Replaces one `field: value` line of a file's YAML. */
  set: (file: string, field: string, value: string) => void;
};

function run(change: (f: Fixture) => void): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-corpus-"));
  made.push(dir);
  cpSync(path.join(ROOT, "content"), path.join(dir, "content"), { recursive: true });
  symlinkSync(path.join(ROOT, "public"), path.join(dir, "public"));
  const p = (file: string) => path.join(dir, file);
  const fx: Fixture = {
    edit: (file, c) => writeFileSync(p(file), c(readFileSync(p(file), "utf8"))),
    write: (file, text) => {
      mkdirSync(path.dirname(p(file)), { recursive: true });
      writeFileSync(p(file), text);
    },
    remove: (file) => unlinkSync(p(file)),
    append: (file, text) => fx.edit(file, (s) => `${s.replace(/\n*$/, "\n")}\n${text}\n`),
    set: (file, field, value) =>
      fx.edit(file, (s) => {
        const re = new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:.*$`, "m");
        if (!re.test(s)) throw new Error(`${file} has no ${field}:`);
        return s.replace(re, value === "" ? "" : `${field}: ${value}`);
      }),
  };
  change(fx);
  return checkContent({ root: dir, documentTypes, now: NOW }).problems.map(
    (x) => `${x.file}:${x.line ?? 0}:${x.column ?? 0} ${x.accepted !== undefined ? `accepted(${x.accepted})` : x.severity} ${x.field} ${x.message}`,
  );
}

const A = "content/articles/tech-neck.mdx";
const AUTHOR = "content/authors/marcus-hale.mdx";
const PRODUCT = "content/products/contour-sleep-pillow.yaml";
const SET = "content/recommendations/sleep.yaml";
const CAT = "content/categories/movement.yaml";
const NL = "content/newsletters/2027-01-new-year-reset.mdx";
const PAGE = "content/pages/about.mdx";
const REFS = `references:
  - id: hayden-2021
    title: Exercise therapy for chronic low back pain
    authors: [Hayden JA, Ellis J, Ogilvie R]
    year: 2021
    publisher: Cochrane Database of Systematic Reviews
    doi: 10.1002/14651858.CD009790.pub2
`;
const withRefs = (s: string, refs = REFS) => s.replace(/^hero:/m, `${refs}hero:`);

type Case = [name: string, change: (f: Fixture) => void, expected: string[]];

const cases: Case[] = [
  // Articles: fields and values
  ["article: a required field is missing", (f) => f.set(A, "description", ""), [
      "content/articles/tech-neck.mdx:1:1 error description description is required"
    ]],
  ["article: a misspelt field", (f) => f.edit(A, (s) => s.replace("category: neck-pain", "categroy: neck-pain")), [
      "content/articles/tech-neck.mdx:1:1 error category category is required (Slug of a file in content/categories)",
      "content/articles/tech-neck.mdx:9:1 error categroy unknown field \"categroy\"; did you mean \"category\"?"
    ]],
  ["article: a title with a colon not in quotes", (f) => f.set(A, "title", "Tech Neck: What It Is"), [
      "content/articles/tech-neck.mdx:2:8 error file a value runs over several lines or contains \": \" (Nested mappings are not allowed in compact mappings); put the value in quotes"
    ]],
  ["article: an impossible calendar date", (f) => f.set(A, "published", "2026-02-30"), [
      "content/articles/tech-neck.mdx:8:12 error published published \"2026-02-30\" is not a real date: February 2026 has 28 days"
    ]],
  ["article: a date that is not a date", (f) => f.set(A, "published", "next tuesday"), [
      "content/articles/tech-neck.mdx:8:12 error published published \"next tuesday\" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14"
    ]],
  ["article: updated decades ahead", (f) => f.edit(A, (s) => s.replace("published: 2026-07-08", "published: 2026-07-08\nupdated: 2066-07-08")), [
      "content/articles/tech-neck.mdx:9:10 error updated updated date 2066-07-08 is in the future; use the date the article was last changed"
    ]],
  ["article: updated before published", (f) => f.edit(A, (s) => s.replace("published: 2026-07-08", "published: 2026-07-08\nupdated: 2026-07-01")), [
      "content/articles/tech-neck.mdx:9:10 error updated updated date 2026-07-01 is before the published date 2026-07-08"
    ]],
  ["article: a review date in the future", (f) => f.set(A, "reviewedOn", "2027-03-01"), [
      "content/articles/tech-neck.mdx:7:13 error reviewedOn reviewedOn 2027-03-01 is in the future; use the date the review took place"
    ]],
  ["article: reviewedOn without a reviewer", (f) => f.set(A, "reviewer", ""), [
      "content/articles/tech-neck.mdx:7:13 error reviewedOn reviewedOn is set but no reviewer is named"
    ]],
  ["article: the author reviews their own article", (f) => f.set(A, "reviewer", "dana-whitcombe"), [
      "content/articles/tech-neck.mdx:6:11 error reviewer the reviewer is the author; a medical review needs a second person"
    ]],
  ["article: an unknown author", (f) => f.set(A, "author", "dana-whitcomb"), [
      "content/articles/tech-neck.mdx:5:9 error author unknown author \"dana-whitcomb\" (known: dana-whitcombe, marcus-hale, priya-raman, samuel-okafor)"
    ]],
  ["article: an unknown reviewer", (f) => f.set(A, "reviewer", "priya"), [
      "content/articles/tech-neck.mdx:6:11 error reviewer unknown author \"priya\" (known: dana-whitcombe, marcus-hale, priya-raman, samuel-okafor)"
    ]],
  ["article: an unknown category", (f) => f.set(A, "category", "necks"), [
      "content/articles/tech-neck.mdx:9:11 error category unknown category \"necks\" (known: back-pain, movement, neck-pain)"
    ]],
  ["article: an unknown recommendation set", (f) => f.edit(A, (s) => s.replace("category: neck-pain", "category: neck-pain\nrecommendations: phones")), [
      "content/articles/tech-neck.mdx:10:18 error recommendations unknown recommendation set \"phones\" (known: desk, sleep, standard)"
    ]],
  ["article: hero image without alt text", (f) => f.edit(A, (s) => s.replace(/^  alt: Abstract illustration of a head.*$/m, '  alt: ""')), [
      "content/articles/tech-neck.mdx:13:8 error hero.alt hero.alt is empty: the image has no alt text; describe what it shows"
    ]],
  ["article: hero image file does not exist", (f) => f.edit(A, (s) => s.replace("/images/articles/tech-neck.svg", "/images/articles/tech-neck.png")), [
      "content/articles/tech-neck.mdx:12:8 error hero.src image /images/articles/tech-neck.png does not exist: there is no file public/images/articles/tech-neck.png"
    ]],
  ["article: hero image over http://", (f) => f.edit(A, (s) => s.replace("/images/articles/tech-neck.svg", "http://cdn.example.com/neck.svg")), [
      "content/articles/tech-neck.mdx:12:8 error hero.src image http://cdn.example.com/neck.svg is loaded over http://, which browsers block on an https page; use https:// or a file in public/"
    ]],
  ["article: hero image on another site", (f) => f.edit(A, (s) => s.replace("/images/articles/tech-neck.svg", "https://cdn.example.com/neck.svg")), [
      "content/articles/tech-neck.mdx:12:8 warning hero.src image https://cdn.example.com/neck.svg is on another site: it can change or vanish and slows the page; copy it into public/ and use its path"
    ]],
  ["article: a title longer than search results show", (f) => f.set(A, "title", '"Tech Neck: Why Looking Down at Your Phone All Day Can Leave Your Neck and Shoulders Sore"'), [
      "content/articles/tech-neck.mdx:2:8 warning title title is 88 characters; search results show about 70, so keep it to 70 or fewer"
    ]],
  ["article: a description too short for a snippet", (f) => f.set(A, "description", "Neck pain from phones."), [
      "content/articles/tech-neck.mdx:4:14 warning description description is 22 characters; write at least 50 so search results have a useful snippet"
    ]],
  ["article: the same tag twice", (f) => f.set(A, "tags", "[neck, phones, Neck]"), [
      "content/articles/tech-neck.mdx:10:22 error tags[2] tags lists \"Neck\" twice (also item 1); keep one"
    ]],
  ["article: a yes/no field written as text", (f) => f.edit(A, (s) => s.replace("category: neck-pain", "category: neck-pain\ndraft: no way")), [
      "content/articles/tech-neck.mdx:10:8 error draft draft must be true or false, not \"no way\""
    ]],
  ["article: a featured article dated in the future", (f) => f.edit(A, (s) => s.replace("published: 2026-07-08", "published: 2027-07-08\nfeatured: true")), [
      "content/articles/tech-neck.mdx:9:11 warning featured a featured article is not published until 2027-07-08; it will not be featured before then (check the year)"
    ]],
  ["article: a file name with capitals and a space", (f) => f.write("content/articles/Back Pain Myths.mdx", readFileSync(path.join(ROOT, A), "utf8")), [
      "content/articles/Back Pain Myths.mdx:1:1 error file the file name \"Back Pain Myths.mdx\" must be lower-case words joined by hyphens; rename it to back-pain-myths.mdx"
    ]],
  ["article: Windows line endings", (f) => f.edit(A, (s) => s.replace(/\n/g, "\r\n")), [
      "content/articles/tech-neck.mdx:1:1 error file the file has Windows line endings (CRLF); save it with LF line endings (the repository's .gitattributes converts them on commit)"
    ]],
  ["article: YAML with a tab for indentation", (f) => f.edit(A, (s) => s.replace("  alt: Abstract", "\talt: Abstract")), [
      "content/articles/tech-neck.mdx:13:1 error file a tab is used for indentation; YAML needs spaces"
    ]],
  ["article: the frontmatter is never closed", (f) => f.write("content/articles/open-ended.mdx", "---\ntitle: Open\nauthor: dana-whitcombe\n\nBody text.\n"), [
      "content/articles/open-ended.mdx:1:1 error file the frontmatter block is never closed; add a line with --- after the last field"
    ]],
  ["article: a duplicate slug in a subfolder", (f) => f.write("content/articles/2025/tech-neck.mdx", readFileSync(path.join(ROOT, A), "utf8")), [
      "content/articles/tech-neck.mdx:1:1 error file duplicate slug \"tech-neck\", also used by content/articles/2025/tech-neck.mdx; rename one of the files"
    ]],
  ["article: a medical review that is overdue", (f) => f.set(A, "reviewedOn", "2025-10-10"), [
      "content/articles/tech-neck.mdx:7:13 warning reviewedOn medical review is overdue: last reviewed 2025-10-10, due 2026-10-10 (every 12 months); ask priya-raman to review it and update reviewedOn"
    ]],
  ["article: reviewEvery that is not a number of months", (f) => f.edit(A, (s) => s.replace("reviewedOn: 2026-10-10", "reviewedOn: 2026-10-10\nreviewEvery: 0")), [
      "content/articles/tech-neck.mdx:8:14 error reviewEvery reviewEvery is the number of months between reviews: a whole number from 1 to 60"
    ]],

  // Articles: the MDX body
  ["article body: a component never closed", (f) => f.append(A, "<Callout type=\"tip\">\nKeep moving."), [
      "content/articles/tech-neck.mdx:69:1 error body <Callout> is opened but never closed; add </Callout> or write it self-closing as <Callout />"
    ]],
  ["article body: a component in lower case", (f) => f.append(A, "<callout>Keep moving.</callout>"), [
      "content/articles/tech-neck.mdx:69:1 error body unknown element <callout>; components start with a capital letter: <Callout>"
    ]],
  ["article body: an unknown component", (f) => f.append(A, "<Sparkle />"), [
      "content/articles/tech-neck.mdx:69:1 error body unknown MDX component <Sparkle> (allowed: ProductCard, Recommendations, Callout, Figure, ArticleTeaser, Cite)"
    ]],
  ["article body: a product that does not exist", (f) => f.append(A, '<ProductCard id="neck-pillow" />'), [
      "content/articles/tech-neck.mdx:69:1 error body <ProductCard id=\"neck-pillow\">: unknown product \"neck-pillow\" (known: back-relief-blueprint, contour-sleep-pillow, spineease-lumbar-cushion, standing-desk-converter, textured-foam-roller)"
    ]],
  ["article body: a product card without an id", (f) => f.append(A, "<ProductCard />"), [
      "content/articles/tech-neck.mdx:69:1 error body <ProductCard> needs id=\"…\""
    ]],
  ["article body: a callout type that does not exist", (f) => f.append(A, '<Callout type="danger">Careful.</Callout>'), [
      "content/articles/tech-neck.mdx:69:10 error body <Callout type=\"danger\">: type must be one of note, tip, warning"
    ]],
  ["article body: a figure without alt text", (f) => f.append(A, '<Figure src="/images/articles/desk-diagram.svg" caption="A desk" />'), [
      "content/articles/tech-neck.mdx:69:1 error body <Figure> needs alt=\"…\" describing what the image shows"
    ]],
  ["article body: a figure width written as text", (f) => f.append(A, '<Figure src="/images/articles/desk-diagram.svg" alt="A desk" width="800" />'), [
      "content/articles/tech-neck.mdx:69:62 error body <Figure width=\"800\">: write a number in braces, e.g. width={800}"
    ]],
  ["article body: a prop the component does not have", (f) => f.append(A, '<Figure src="/images/articles/desk-diagram.svg" alt="A desk" capton="A desk" />'), [
      "content/articles/tech-neck.mdx:69:62 error body <Figure> has no prop \"capton\"; did you mean \"caption\"? (props: src, alt, caption, width, height)"
    ]],
  ["article body: a markdown image without alt text", (f) => f.append(A, "![](/images/articles/desk-diagram.svg)"), [
      "content/articles/tech-neck.mdx:69:1 error body image /images/articles/desk-diagram.svg has no alt text; write it between the brackets: ![what it shows](/images/articles/desk-diagram.svg)"
    ]],
  ["article body: a markdown image that does not exist", (f) => f.append(A, "![A desk](/images/articles/desk.png)"), [
      "content/articles/tech-neck.mdx:69:1 error body image /images/articles/desk.png does not exist: there is no file public/images/articles/desk.png"
    ]],
  ["article body: a link to an article that does not exist", (f) => f.append(A, "Read [our desk guide](/articles/desk-setup)."), [
      "content/articles/tech-neck.mdx:69:6 error body link to /articles/desk-setup points to no page on this site"
    ]],
  ["article body: a raw <a> to a draft", (f) => f.append(A, 'See <a href="/articles/stretching-routine-draft">the routine</a>.'), [
      "content/articles/tech-neck.mdx:69:5 error body link to /articles/stretching-routine-draft is a draft, so readers would find no page there"
    ]],
  ["article body: a link to a future article", (f) => f.append(A, "See [gardening](/articles/future-piece)."), [
      "content/articles/tech-neck.mdx:69:5 error body link to /articles/future-piece is not published until 2099-04-01, so readers would find no page there yet"
    ]],
  ["article body: a relative link", (f) => f.append(A, "See [posture](../articles/posture-myths)."), [
      "content/articles/tech-neck.mdx:69:5 error body link to \"../articles/posture-myths\" is relative; write the path from the site's root, e.g. /articles/posture-myths"
    ]],
  ["article body: a link to a heading that does not exist", (f) => f.append(A, "Back to [the exercises](#four-exercises)."), [
      "content/articles/tech-neck.mdx:69:9 error body link to #four-exercises: no heading on this page has that id (headings here: #why-looking-down-can-ache, #signs-you-might-be-overdoing-it, #changes-that-help, #bring-the-screen-up, #take-the-long-stuff-to-a-bigger-screen, #break-it-up, #mind-the-pillow, #four-easy-exercises, #when-to-get-it-checked, #the-bigger-picture)"
    ]],
  ["article body: a link to a heading of another article that does not exist", (f) => f.append(A, "See [chair setup](/articles/desk-setup-for-back-pain#chair)."), [
      "content/articles/tech-neck.mdx:69:5 error body link to /articles/desk-setup-for-back-pain#chair: that page has no heading with the id #chair"
    ]],
  ["article body: a {…} expression", (f) => f.append(A, "Hi {first_name}, welcome back."), [
      "content/articles/tech-neck.mdx:69:4 error body {first_name} is an expression that MDX runs as code, and it would fail when the page is built; to show braces as text write \\{ and \\}"
    ]],
  ["article body: an import statement", (f) => f.edit(A, (s) => s.replace("\n\"Tech neck\" describes", '\nimport Chart from "./chart"\n\n"Tech neck" describes')), [
      "content/articles/tech-neck.mdx:15:1 error body import and export statements are not allowed in content; the components you may use are available without importing"
    ]],
  ["article body: an http:// link", (f) => f.append(A, "More at [the society](http://spine.example.org)."), [
      "content/articles/tech-neck.mdx:69:9 warning body link to http://spine.example.org uses http://; use the https:// address if the site has one"
    ]],
  ["article body: a level-1 heading", (f) => f.append(A, "# Summary\n\nMove often."), [
      "content/articles/tech-neck.mdx:69:1 warning body a level-1 heading (#) in the body makes a second page title; start sections with ##"
    ]],
  ["article body: a link to a static page and to a tag works", (f) => f.append(A, "See [how we review](/editorial-policy) and [posture](/tags/posture)."), []],

  // Articles: references and citations
  ["references: a citation of an id that is not listed", (f) => {
    f.edit(A, (s) => withRefs(s));
    f.append(A, 'Exercise helps.<Cite id="hayden-2021" /> So does walking.<Cite id="smith-2020" />');
  }, [
      "content/articles/tech-neck.mdx:76:58 error body <Cite id=\"smith-2020\">: no reference with id \"smith-2020\" in references (listed: hayden-2021)"
    ]],
  ["references: a listed reference nobody cites", (f) => f.edit(A, (s) => withRefs(s)), [
      "content/articles/tech-neck.mdx:12:9 warning references[0].id reference \"hayden-2021\" is listed but never cited; cite it with <Cite id=\"hayden-2021\" /> or remove it"
    ]],
  ["references: a malformed DOI and PubMed id", (f) => {
    f.edit(A, (s) => withRefs(s, REFS.replace("doi: 10.1002/14651858.CD009790.pub2", "doi: https://doi.org/10.1002/14651858.CD009790.pub2\n    pmid: 0")));
    f.append(A, 'Exercise helps.<Cite id="hayden-2021" />');
  }, [
      "content/articles/tech-neck.mdx:17:10 error references[0].doi write the DOI on its own: 10.1002/14651858.CD009790.pub2",
      "content/articles/tech-neck.mdx:18:11 error references[0].pmid pmid 0 is not a PubMed id; it is a number of up to 8 digits, e.g. 31234567"
    ]],
  ["references: a reference with nothing to find it by", (f) => {
    f.edit(A, (s) => withRefs(s, REFS.replace("    doi: 10.1002/14651858.CD009790.pub2\n", "")));
    f.append(A, 'Exercise helps.<Cite id="hayden-2021" />');
  }, [
      "content/articles/tech-neck.mdx:12:5 error references[0] reference \"hayden-2021\" needs a doi, a pmid or a url so readers can find it"
    ]],
  ["references: cited and listed is fine", (f) => {
    f.edit(A, (s) => withRefs(s));
    f.append(A, 'Exercise helps most people with long-lasting low back pain.<Cite id="hayden-2021" />');
  }, []],

  // Claims in articles
  ["claims: an absolute promise in an article", (f) => f.append(A, "These four exercises give guaranteed relief within a week."), [
      "content/articles/tech-neck.mdx:69:27 error body \"guaranteed\" in \"These four exercises give guaranteed relief within a week.\": Health outcomes vary from person to person; an absolute promise overstates the evidence and is the first thing regulators and readers distrust. Describe what the evidence shows and for whom, e.g. \"many people find\", \"in one trial\"."
    ]],
  ["claims: clinical proof without a citation", (f) => f.append(A, "Chin nods are clinically proven to ease neck pain."), [
      "content/articles/tech-neck.mdx:69:15 error body \"clinically proven\" in \"Chin nods are clinically proven to ease neck pain.\": Claims of clinical proof or medical endorsement need a source the reader can check. Add a <Cite id=\"…\" /> to the study or statement in the same paragraph, or remove the claim."
    ]],
  ["claims: clinical proof with a citation beside it", (f) => {
    f.edit(A, (s) => withRefs(s));
    f.append(A, 'Exercise is clinically proven to help some people with back pain.<Cite id="hayden-2021" />');
  }, []],
  ["claims: an occurrence accepted with a reason", (f) => f.append(A, "{/* accept-claim absolute-promise: describing what advertisers say, not our claim */}\nSome pillows are sold as a miracle for neck pain."), [
      "content/articles/tech-neck.mdx:70:28 accepted(describing what advertisers say, not our claim) body \"miracle\" in \"Some pillows are sold as a miracle for neck pain.\": Health outcomes vary from person to person; an absolute promise overstates the evidence and is the first thing regulators and readers distrust. Describe what the evidence shows and for whom, e.g. \"many people find\", \"in one trial\"."
    ]],
  ["claims: quotations, negations and code are not claims", (f) =>
    f.append(A, 'One advert promised "instant relief".\n\n> Guaranteed results in days!\n\nThere is no miracle pillow, and nothing here is guaranteed.\n\n`proven`'), []],
  ["claims: an accept comment that matches nothing", (f) => f.append(A, "{/* accept-claim absolute-promise: left over from an edit */}\nMove often."), [
      "content/articles/tech-neck.mdx:69:1 warning body accept-claim absolute-promise: nothing in the next paragraph matches that rule; remove the comment"
    ]],

  // Authors
  ["author: an empty bio", (f) => f.edit(AUTHOR, (s) => s.replace(/---\n[^]*$/, (m) => m.split("\n---\n")[0] + "\n---\n")), [
      "content/authors/marcus-hale.mdx:1:1 error body the bio is empty; write a few sentences about the author below the frontmatter"
    ]],
  ["author: an avatar that does not exist", (f) => f.edit(AUTHOR, (s) => s.replace("marcus-hale.svg", "marcus.jpg")), [
      "content/authors/marcus-hale.mdx:6:8 error avatar.src image /images/authors/marcus.jpg does not exist: there is no file public/images/authors/marcus.jpg"
    ]],
  ["author: a link over http://", (f) => f.edit(AUTHOR, (s) => s.replace("https://marcushale.example.net", "http://marcushale.example.net")), [
      "content/authors/marcus-hale.mdx:10:10 error links[0].url link http://marcushale.example.net uses http://; use the https:// address"
    ]],
  ["author: the name is missing", (f) => f.set(AUTHOR, "name", ""), [
      "content/authors/marcus-hale.mdx:1:1 error name name is required"
    ]],

  // Products
  ["product: a shop link over http://", (f) => f.set(PRODUCT, "url", "http://shop.example.com/contour-sleep-pillow"), [
      "content/products/contour-sleep-pillow.yaml:7:6 error url url http://shop.example.com/contour-sleep-pillow uses http://; use the https:// address"
    ]],
  ["product: a shop link that is not an address", (f) => f.set(PRODUCT, "url", "shop.example.com/pillow"), [
      "content/products/contour-sleep-pillow.yaml:7:6 error url url \"shop.example.com/pillow\" is not a web address; write it in full, starting with https://"
    ]],
  ["product: a disease claim", (f) => f.set(PRODUCT, "pitch", "A cervical pillow that cures neck pain while you sleep."), [
      "content/products/contour-sleep-pillow.yaml:2:31 error pitch \"cures\" in \"A cervical pillow that cures neck pain while you sleep.\": A product that claims to cure, treat, heal or prevent a condition is making a drug claim, which US rules (the FDA's, and the FTC's health-claims guidance) do not allow for products like these. Say what the product does (supports, cushions, reminds you to move) and leave treatment to clinicians."
    ]],
  ["product: a disease claim accepted with a reason", (f) =>
    f.edit(PRODUCT, (s) => s.replace(/^pitch:.*$/m, "# accept-claim disease-claim: the manufacturer's registered medical-device wording\npitch: Cleared to treat neck pain as a class I medical device.")), [
      "content/products/contour-sleep-pillow.yaml:3:19 accepted(the manufacturer's registered medical-device wording) pitch \"treat\" in \"Cleared to treat neck pain as a class I medical device.\": A product that claims to cure, treat, heal or prevent a condition is making a drug claim, which US rules (the FDA's, and the FTC's health-claims guidance) do not allow for products like these. Say what the product does (supports, cushions, reminds you to move) and leave treatment to clinicians."
    ]],
  ["product: an image without alt text", (f) => f.edit(PRODUCT, (s) => s.replace(/^  alt: .*$/m, '  alt: ""')), [
      "content/products/contour-sleep-pillow.yaml:6:8 error image.alt image.alt is empty: the image has no alt text; describe what it shows"
    ]],
  ["product: sponsored written as text", (f) => f.set(PRODUCT, "sponsored", '"yes"'), [
      "content/products/contour-sleep-pillow.yaml:9:12 error sponsored sponsored must be true or false, not \"yes\""
    ]],
  ["product: a testimonial without a typical-results note", (f) => f.set(PRODUCT, "description", "'\"It changed my life,\" Joan says. This pillow changed my life too.'"), [
      "content/products/contour-sleep-pillow.yaml:3:60 error description \"changed my life\" in \"This pillow changed my life too.\": A results testimonial implies the result is typical; the FTC expects a clear statement of what people can generally expect. Add a note beside it such as \"Individual results vary; most people see smaller changes.\""
    ]],

  // Recommendation sets
  ["recommendation set: a product that does not exist", (f) => f.edit(SET, (s) => s.replace("  - textured-foam-roller", "  - foam-roller")), [
      "content/recommendations/sleep.yaml:4:5 error products[1] unknown product \"foam-roller\" (known: back-relief-blueprint, contour-sleep-pillow, spineease-lumbar-cushion, standing-desk-converter, textured-foam-roller)"
    ]],
  ["recommendation set: the same product twice", (f) => f.edit(SET, (s) => s.replace("  - textured-foam-roller", "  - textured-foam-roller\n  - contour-sleep-pillow")), [
      "content/recommendations/sleep.yaml:5:5 error products[2] products lists \"contour-sleep-pillow\" twice (also item 1); keep one"
    ]],
  ["recommendation set: no products", (f) => f.edit(SET, (s) => s.replace(/products:\n(  - .*\n)+/, "products: []\n")), [
      "content/recommendations/sleep.yaml:2:11 error products a recommendation set needs at least one product"
    ]],
  ["recommendation set: a heading that promises a miracle", (f) => f.set(SET, "heading", "Miracle Picks for Sleeping Without Back Pain"), [
      "content/recommendations/sleep.yaml:1:10 error heading \"Miracle\" in \"Miracle Picks for Sleeping Without Back Pain\": Health outcomes vary from person to person; an absolute promise overstates the evidence and is the first thing regulators and readers distrust. Describe what the evidence shows and for whom, e.g. \"many people find\", \"in one trial\"."
    ]],

  // Categories
  ["category: the description is missing", (f) => f.set(CAT, "description", ""), [
      "content/categories/movement.yaml:1:1 error description description is required"
    ]],
  ["category: an unknown field", (f) => f.edit(CAT, (s) => `${s}colour: green\n`), [
      "content/categories/movement.yaml:3:1 error colour unknown field \"colour\" (fields here: title, description, parent)"
    ]],
  ["category: a parent that does not exist", (f) => f.edit(CAT, (s) => `${s}parent: bodies\n`), [
      "content/categories/movement.yaml:3:9 error parent unknown category \"bodies\" (known: back-pain, movement, neck-pain)"
    ]],
  ["category: parents that form a loop", (f) => {
      f.edit(CAT, (s) => `${s}parent: back-pain\n`);
      f.edit("content/categories/back-pain.yaml", (s) => `${s}parent: movement\n`);
    }, [
      "content/categories/back-pain.yaml:3:9 error parent category parents form a loop through \"back-pain\"; one of them must have no parent",
      "content/categories/movement.yaml:3:9 error parent category parents form a loop through \"movement\"; one of them must have no parent"
    ]],

  // Newsletters
  ["newsletter: a {{first_name}} placeholder", (f) => f.edit(NL, (s) => s.replace("Big resolutions fade", "Hi {{first_name}}! Big resolutions fade")), [
      "content/newsletters/2027-01-new-year-reset.mdx:9:4 error body {{first_name}} is an expression that MDX runs as code, and it would fail when the page is built; the greeting with the reader's first name is added to every issue for you; to show braces as text write \\{ and \\}"
    ]],
  ["newsletter: a relative link", (f) => f.append(NL, "Read [the desk guide](desk-setup-for-back-pain)."), [
      "content/newsletters/2027-01-new-year-reset.mdx:17:6 error body link to \"desk-setup-for-back-pain\" is relative, and an email has no page to be relative to; write the full path, e.g. /articles/desk-setup-for-back-pain"
    ]],
  ["newsletter: features an article that is not live by its send date", (f) => f.edit(NL, (s) => s.replace("  - desk-setup-for-back-pain", "  - desk-setup-for-back-pain\n  - future-piece")), [
      "content/newsletters/2027-01-new-year-reset.mdx:7:5 error articles[1] future-piece is not published until 2099-04-01, after this issue is sent on 2027-01-07"
    ]],
  ["newsletter: a teaser of a draft", (f) => f.append(NL, '<ArticleTeaser slug="stretching-routine-draft" />'), [
      "content/newsletters/2027-01-new-year-reset.mdx:17:1 error body <ArticleTeaser slug=\"stretching-routine-draft\">: the article is a draft, so readers would find no page there"
    ]],
  ["newsletter: a subject too long for an inbox", (f) => f.set(NL, "subject", `"${"A gentle reset for your back this January, ".repeat(3).trim()}"`), [
      "content/newsletters/2027-01-new-year-reset.mdx:2:10 error subject subject is 128 characters; keep it to 90 or fewer"
    ]],
  ["newsletter: a topic that is not one of the categories", (f) => f.edit(NL, (s) => s.replace("articles:", "topics:\n  - back-pain\n  - sleep\narticles:")), [
      "content/newsletters/2027-01-new-year-reset.mdx:7:5 error topics[1] unknown category \"sleep\" (known: back-pain, movement, neck-pain)"
    ]],
  ["newsletter: a product that does not exist", (f) => f.edit(NL, (s) => s.replace("articles:", "products:\n  - neck-pillow\narticles:")), [
      "content/newsletters/2027-01-new-year-reset.mdx:6:5 error products[0] unknown product \"neck-pillow\" (known: back-relief-blueprint, contour-sleep-pillow, spineease-lumbar-cushion, standing-desk-converter, textured-foam-roller)"
    ]],
  ["newsletter: a testimonial without a typical-results note", (f) => f.append(NL, "Joan wrote to us: this routine changed my life."), [
      "content/newsletters/2027-01-new-year-reset.mdx:17:32 error body \"changed my life\" in \"Joan wrote to us: this routine changed my life.\": A results testimonial implies the result is typical; the FTC expects a clear statement of what people can generally expect. Add a note beside it such as \"Individual results vary; most people see smaller changes.\""
    ]],
  ["newsletter: a testimonial with a typical-results note", (f) => f.append(NL, "Joan wrote to us: this routine changed my life. Individual results vary; most readers notice smaller changes."), []],
  ["newsletter: a citation", (f) => f.append(NL, 'Walking helps.<Cite id="hayden-2021" />'), [
      "content/newsletters/2027-01-new-year-reset.mdx:17:15 error body <Cite> is for articles, which list their references; newsletters have no references list"
    ]],

  // Static pages
  ["page: a path with capitals and a trailing slash", (f) => f.set(PAGE, "path", "/About-Us/"), [
      "content/pages/about.mdx:4:7 error path path \"/About-Us/\" ends with a slash; write /About-Us"
    ]],
  ["page: a path under the site's own routes", (f) => f.set(PAGE, "path", "/articles/about"), [
      "content/pages/about.mdx:4:7 error path path \"/articles/about\" is under /articles, which the site's own pages use; choose a path outside it"
    ]],
  ["page: two pages with one path", (f) => f.write("content/pages/about-us.mdx", readFileSync(path.join(ROOT, PAGE), "utf8")), [
      "content/pages/about.mdx:4:7 error path path /about is also the path of content/pages/about-us.mdx; each page needs its own"
    ]],
  ["page: a link to a page that does not exist", (f) => f.append(PAGE, "Write to us from the [contact page](/contact)."), [
      "content/pages/about.mdx:21:22 error body link to /contact points to no page on this site"
    ]],
  ["page: updated in the future", (f) => f.set(PAGE, "updated", "2027-11-02"), [
      "content/pages/about.mdx:5:10 error updated updated date 2027-11-02 is in the future; use the date the page was last changed"
    ]],

  // Redirects, rules and settings files, unknown files
  ["redirects: a target that is a draft", (f) => f.write("content/redirects.yaml", "- from: /stretching\n  to: /articles/stretching-routine-draft\n"), [
      "content/redirects.yaml:1:3 error [0].to to /articles/stretching-routine-draft is a draft (draft: true), so it is not on the site; point the redirect at a live page"
    ]],
  ["redirects: a chain", (f) => f.write("content/redirects.yaml", "- from: /a\n  to: /b\n- from: /b\n  to: /about\n"), [
      "content/redirects.yaml:1:3 error [0].to redirect chain: /a → /b → /about; point /a straight at /about"
    ]],
  ["claims.yaml: a rule with an unknown level", (f) => f.edit("content/claims.yaml", (s) => s.replace("level: warning", "level: note").replace("  - id: disease-claim\n    level: error", "  - id: disease-claim\n    level: fatal")), [
      "content/claims.yaml:26:12 error rules[0].level level must be \"error\" or \"warning\" (this rule is not applied until it is fixed)"
    ]],
  ["check.yaml: a setting of the wrong kind", (f) => f.write("content/check.yaml", "seo:\n  titleMax: seventy\n"), [
      "content/check.yaml:2:13 error seo.titleMax seo.titleMax must be a number (the defaults are used until it is fixed)"
    ]],
  ["unknown file: a file in content/ that is no kind of content", (f) => f.write("content/products/notes.txt.mdx", "---\nname: x\n---\n"), [
      "content/products/notes.txt.mdx:1:1 error file this file is not a kind of content the site knows; content goes in articles/**/*.mdx, authors/*.mdx, products/*.yaml, recommendations/*.yaml, categories/*.yaml, newsletters/*.mdx, pages/**/*.mdx"
    ]],
];

const printed: string[][] = [];
describe("broken-content corpus", () => {
  it("has at least 60 cases across every content type", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const kind of ["article", "author", "product", "recommendation set", "category", "newsletter", "page", "redirects"])
      expect(cases.some(([name]) => name.startsWith(kind))).toBe(true);
  });

  it("the sample content has no problems", () => {
    expect(run(() => {})).toEqual([]);
  });

  for (const [name, change, expected] of cases)
    it(name, () => {
      const actual = run(change);
      if (process.env.CORPUS_PRINT) printed.push(actual);
      expect(actual).toEqual(expected);
    });
  afterAll(() => {
    if (process.env.CORPUS_PRINT) writeFileSync(process.env.CORPUS_PRINT, JSON.stringify(printed, null, 1));
  });
});
