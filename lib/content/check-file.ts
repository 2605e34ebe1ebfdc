// Everything that can be checked in one file without looking at others: its
// name, line endings, YAML, field values, MDX syntax, components and their
// props, images and links as written, references and citations, SEO lengths
// and health claims. The result is plain data (cached by the file's hash) that
// the cross-document pass (integrity.ts) builds on.
import type { ComputedFields } from "contentlayer2/source-files";
import { bodyFacts, type BodyFacts, type Pos } from "./body-facts";
import { findClaims, findClaimsInProse, type ClaimMatch, type ClaimRule } from "./claims";
import { CLAIM_FIELDS, SLUG, slugify, type DocType } from "./doc-types";
import { checkFields, closest } from "./fields";
import { HTML_ELEMENTS, MDX_COMPONENT_NAMES, MDX_COMPONENT_PROPS, type MdxComponentName } from "./mdx-component-names";
import { parseMdx } from "./mdx-tree";
import type { ContentProblem } from "./problems";
import { referenceProblems } from "./references";
import type { CheckSettings } from "./settings";
import { pagePathProblem } from "./site-paths";
import { parseSource, type FieldPositions, type SourceFile } from "./source";
import { outlineOf, rememberOutline } from "./toc";

/** What the cross-document pass needs from a file, without the prose (claims are done here). */
export type FileAnalysis = {
  file: string;
  rel: string;
  type?: string;
  problems: ContentProblem[];
  fields: FieldPositions;
  /** The document as contentlayer2 stores it (defaults, ISO dates, _raw, slug, url); absent when its data is unusable. */
  doc?: Record<string, unknown>;
  facts?: Omit<BodyFacts, "prose">;
  /** Whether the file has errors that stop contentlayer2 compiling it. */
  blocking: boolean;
  /** A file whose YAML does not parse: only its slug and url, so references to it still resolve. */
  stub?: Record<string, unknown>;
};

export type FileContext = {
  types: DocType[];
  rules: ClaimRule[];
  settings: CheckSettings;
  reservedSegments: Set<string>;
};

const HTTP = /^http:\/\//i;
const REMOTE = /^https:\/\//i;

export function analyseFile(source: SourceFile, ctx: FileContext): FileAnalysis {
  const problems: ContentProblem[] = [];
  const add = (p: Omit<ContentProblem, "file" | "severity"> & { severity?: ContentProblem["severity"] }) =>
    problems.push({ file: source.file, severity: "error", ...p });
  const result: FileAnalysis = { file: source.file, rel: source.rel, problems, fields: {}, blocking: false };

  const type = ctx.types.find((t) => t.matches(source.rel));
  if (!type) {
    add({
      line: 1,
      column: 1,
      field: "file",
      rule: "unknown-file",
      message: `this file is not a kind of content the site knows; content goes in ${ctx.types.map((t) => t.filePathPattern).join(", ")}`,
    });
    result.blocking = true;
    return result;
  }
  result.type = type.name;

  // Names: every folder and the file name a lower-case slug, because they become URLs and route folders.
  const parts = source.rel.split("/");
  const base = parts[parts.length - 1].replace(/\.[^.]+$/, "");
  const ext = parts[parts.length - 1].slice(base.length);
  for (const [i, name] of [...parts.slice(1, -1), base].entries()) {
    if (SLUG.test(name)) continue;
    const isFile = i === parts.length - 2;
    const better = slugify(name) || "a-name";
    add({
      line: 1,
      column: 1,
      field: "file",
      rule: "file-name",
      message: isFile
        ? `the file name "${name}${ext}" must be lower-case words joined by hyphens; rename it to ${better}${ext}`
        : `the folder name "${name}" must be lower-case words joined by hyphens; rename it to ${better}`,
    });
  }

  let text = source.text;
  if (text.includes("\r")) {
    add({
      line: 1,
      column: 1,
      field: "file",
      rule: "line-endings",
      message: "the file has Windows line endings (CRLF); save it with LF line endings (the repository's .gitattributes converts them on commit)",
    });
    text = text.replace(/\r\n?/g, "\n");
  }

  const parsed = parseSource({ ...source, text });
  result.fields = parsed.fields;
  const at = (field: string, onKey = false): Pos => {
    for (let f = field; f; f = f.replace(/(\.[^.[\]]+|\[\d+\])$/, "")) {
      const p = parsed.fields[f];
      if (p) return onKey && p.key ? p.key : p.value;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(f)) break;
    }
    return { line: 1, column: 1 };
  };
  if (parsed.frontmatterError || parsed.yamlError) {
    if (parsed.frontmatterError) add({ line: 1, column: 1, field: "file", rule: "frontmatter", message: parsed.frontmatterError });
    if (parsed.yamlError) add({ ...parsed.yamlError.at, field: "file", rule: "yaml", message: parsed.yamlError.message });
    result.blocking = true;
    // Known by its slug, so other files that name it are not reported as well.
    result.stub = documentOf(source, type, {}, undefined);
    return result;
  }

  const { problems: fieldProblems, value } = checkFields(parsed.data, type);
  for (const f of fieldProblems) add({ ...at(f.field, f.onKey), field: f.field, rule: "field", message: f.message });
  if (fieldProblems.length > 0) result.blocking = true;
  const doc = documentOf(source, type, value, parsed.body?.text);
  result.doc = doc;

  checkValues(type.name, doc, ctx, (field, message, severity = "error", rule = "value", onKey = false) =>
    add({ ...at(field, onKey), field, rule, message, severity }),
  );

  let facts: BodyFacts | undefined;
  if (parsed.body) {
    const tree = parseMdx(parsed.body.text);
    if (tree.error) {
      add({ line: tree.error.line + parsed.body.lineOffset, column: tree.error.column, field: "body", rule: "mdx", message: tree.error.message });
      result.blocking = true;
    } else {
      facts = bodyFacts(tree.tree, parsed.body.lineOffset);
      rememberOutline(parsed.body.text, outlineOf(facts));
      checkBody(type.name, doc, facts, (pos, message, severity = "error", rule = "mdx") => add({ ...pos, field: "body", rule, message, severity }));
      if (type.name === "Article") {
        const listed = new Set(((doc.references as { id?: string }[] | undefined) ?? []).map((r) => r.id));
        const cited = new Set(facts.citations.map((c) => c.id));
        for (const c of facts.citations)
          if (!listed.has(c.id))
            add({
              ...c.at,
              field: "body",
              rule: "citation",
              message: `<Cite id="${c.id}">: no reference with id "${c.id}" in references${listed.size ? ` (listed: ${[...listed].join(", ")})` : ""}`,
            });
        ((doc.references as { id?: string }[] | undefined) ?? []).forEach((r, i) => {
          if (r.id && !cited.has(r.id))
            add({ ...at(`references[${i}].id`), field: `references[${i}].id`, rule: "citation", severity: "warning", message: `reference "${r.id}" is listed but never cited; cite it with <Cite id="${r.id}" /> or remove it` });
        });
      } else
        for (const c of facts.citations)
          add({ ...c.at, field: "body", rule: "citation", message: `<Cite> is for articles, which list their references; ${type.name.toLowerCase()}s have no references list` });
    }
  }

  // Health claims: the publisher's own words in the fields and the body.
  const claimFields = CLAIM_FIELDS[type.name];
  if (claimFields && ctx.rules.length > 0) {
    const matches: (ClaimMatch & { field: string })[] = [];
    const ownWords = claimFields.fields.map((f) => doc[f]).filter((v): v is string => typeof v === "string");
    for (const f of claimFields.fields) {
      const v = doc[f];
      if (typeof v !== "string") continue;
      const start = at(f);
      // A quoted YAML value starts one column after its quote mark.
      const quote = /['"]/.test(text.split("\n")[start.line - 1]?.[start.column - 1] ?? "") ? 1 : 0;
      for (const m of findClaims(v, ctx.rules, claimFields.kind, (i) => ({ line: start.line, column: start.column + quote + i }), {
        cited: false,
        nearbyText: ownWords.join(" "),
      }))
        matches.push({ ...m, field: f });
    }
    if (facts) for (const m of findClaimsInProse(facts.prose, ctx.rules, claimFields.kind)) matches.push({ ...m, field: "body" });

    const usedAccepts = new Set<number>();
    for (const m of matches) {
      const acceptIndex =
        m.field === "body"
          ? (facts?.accepts ?? []).findIndex((a) => a.rule === m.rule.id && m.at.line >= a.fromLine && m.at.line <= a.toLine)
          : -1;
      const yamlAccept = m.field !== "body" ? yamlAcceptance(parsed.comments, m.at.line, m.rule.id) : undefined;
      const accepted = acceptIndex !== -1 ? facts!.accepts[acceptIndex].reason : yamlAccept;
      if (acceptIndex !== -1) usedAccepts.add(acceptIndex);
      add({
        ...m.at,
        field: m.field,
        rule: m.rule.id,
        severity: m.rule.level,
        message: `"${m.words}" in "${m.sentence}": ${m.rule.reason} ${m.rule.suggestion}`,
        ...(accepted !== undefined ? { accepted } : {}),
      });
    }
    facts?.accepts.forEach((a, i) => {
      if (!usedAccepts.has(i))
        add({
          ...a.at,
          field: "body",
          rule: "accept-claim",
          severity: "warning",
          message: ctx.rules.some((r) => r.id === a.rule)
            ? `accept-claim ${a.rule}: nothing in the next paragraph matches that rule; remove the comment`
            : `accept-claim names no rule "${a.rule}" (rules: ${ctx.rules.map((r) => r.id).join(", ")})`,
        });
    });
  }
  for (const b of facts?.badAccepts ?? [])
    add({ ...b.at, field: "body", rule: "accept-claim", message: "an accept-claim comment needs a rule id and a reason: {/* accept-claim rule-id: why this occurrence is fine */}" });

  if (facts) {
    const { prose: _prose, ...rest } = facts;
    result.facts = rest;
  }
  return result;
}

/** The document as contentlayer2 stores it: values, _raw, type and the cheap computed fields (slug, url). */
function documentOf(source: SourceFile, type: DocType, value: Record<string, unknown>, body: string | undefined): Record<string, unknown> {
  const parts = source.rel.split("/");
  const raw = {
    sourceFilePath: source.rel,
    sourceFileName: parts[parts.length - 1],
    sourceFileDir: parts.slice(0, -1).join("/") || ".",
    contentType: type.contentType === "mdx" ? "mdx" : "data",
    flattenedPath: source.rel.replace(/\.[^.]+$/, "").replace(/\/index$/, ""),
  };
  const doc: Record<string, unknown> = { ...value, _id: source.rel, _raw: raw, type: type.name };
  if (body !== undefined) doc.body = { raw: body, code: "" };
  const computed = (type.computedFields ?? {}) as ComputedFields;
  for (const name of ["slug", "url"])
    if (computed[name]) {
      try {
        doc[name] = computed[name].resolve(doc as never);
      } catch {
        // A computed field over broken data; the field problems say why.
      }
    }
  return doc;
}

/** `# accept-claim rule: reason` on a field's line or the line above it. */
function yamlAcceptance(comments: Record<number, string>, line: number, rule: string): string | undefined {
  for (const l of [line, line - 1]) {
    const m = /^accept-claim\s+([a-z0-9-]+)\s*:\s*(\S.*)$/i.exec(comments[l] ?? "");
    if (m && m[1] === rule) return m[2].trim();
  }
  return undefined;
}

type Report = (field: string, message: string, severity?: ContentProblem["severity"], rule?: string, onKey?: boolean) => void;

/** Image sources: a file under public/ (checked to exist later), never http://; remote https works but is a warning. */
export function imageSrcProblem(src: string): { message: string; severity: ContentProblem["severity"] } | undefined {
  if (!src.trim()) return { message: "the image has no src", severity: "error" };
  if (HTTP.test(src)) return { message: `image ${src} is loaded over http://, which browsers block on an https page; use https:// or a file in public/`, severity: "error" };
  if (REMOTE.test(src))
    return { message: `image ${src} is on another site: it can change or vanish and slows the page; copy it into public/ and use its path`, severity: "warning" };
  if (src.startsWith("//")) return { message: `image ${src} has no scheme; use a path under public/ such as /images/…`, severity: "error" };
  if (!src.startsWith("/")) return { message: `image ${src} must be a path under public/ starting with a slash, e.g. /images/${src.replace(/^(\.\.?\/)+/, "")}`, severity: "error" };
  return undefined;
}

function checkUrl(field: string, url: string, report: Report, what: string) {
  if (HTTP.test(url)) return report(field, `${what} ${url} uses http://; use the https:// address`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return report(field, `${what} "${url}" is not a web address; write it in full, starting with https://`);
  }
  if (parsed.protocol !== "https:") return report(field, `${what} "${url}" must start with https://`);
  if (!parsed.hostname.includes(".")) report(field, `${what} "${url}" has no domain name`);
}

function checkLength(field: string, value: unknown, min: number, max: number, report: Report) {
  if (typeof value !== "string" || !value.trim()) return;
  const n = [...value].length;
  if (n > max) report(field, `${field} is ${n} characters; search results show about ${max}, so keep it to ${max} or fewer`, "warning", "seo");
  else if (n < min) report(field, `${field} is ${n} characters; write at least ${min} so search results have a useful snippet`, "warning", "seo");
}

function checkValues(type: string, doc: Record<string, unknown>, ctx: FileContext, report: Report) {
  const { seo } = ctx.settings;
  const image = (field: string, img: unknown) => {
    const i = img as { src?: string; alt?: string } | undefined;
    if (!i) return;
    if (typeof i.alt === "string" && !i.alt.trim()) report(`${field}.alt`, "image has no alt text; describe what it shows");
    if (typeof i.src === "string") {
      const p = imageSrcProblem(i.src);
      if (p) report(`${field}.src`, p.message, p.severity, "image");
    }
  };
  switch (type) {
    case "Article":
      // Search snippets matter once a piece is out; a draft's description is still being written.
      if (!doc.draft) {
        checkLength("title", doc.title, 0, seo.titleMax, report);
        checkLength("description", doc.description, seo.descriptionMin, seo.descriptionMax, report);
      }
      image("hero", doc.hero);
      if (doc.reviewedOn && !doc.reviewer) report("reviewedOn", "reviewedOn is set but no reviewer is named", "error", "review");
      if (doc.reviewer && !doc.reviewedOn) report("reviewer", "a reviewer is named but reviewedOn (the date of the review) is missing", "error", "review");
      if (doc.reviewer && doc.reviewer === doc.author)
        report("reviewer", "the reviewer is the author; a medical review needs a second person", "error", "review");
      if (doc.reviewEvery !== undefined && (!Number.isInteger(doc.reviewEvery) || (doc.reviewEvery as number) < 1 || (doc.reviewEvery as number) > 60))
        report("reviewEvery", "reviewEvery is the number of months between reviews: a whole number from 1 to 60", "error", "review");
      referenceProblems((doc.references as Record<string, unknown>[] | undefined) ?? []).forEach((p) => report(p.field, p.message, p.severity, "reference"));
      break;
    case "Page":
      if (!doc.draft) {
        checkLength("title", doc.title, 0, seo.titleMax, report);
        checkLength("description", doc.description, seo.descriptionMin, seo.descriptionMax, report);
      }
      if (typeof doc.path === "string") {
        const p = pagePathProblem(doc.path, ctx.reservedSegments);
        if (p) report("path", p, "error", "page-path");
      }
      break;
    case "Author": {
      image("avatar", doc.avatar);
      ((doc.links as { url?: string }[] | undefined) ?? []).forEach((l, i) => {
        if (typeof l.url === "string") checkUrl(`links[${i}].url`, l.url, report, "link");
      });
      const bio = (doc.body as { raw?: string } | undefined)?.raw ?? "";
      if (!bio.trim()) report("body", "the bio is empty; write a few sentences about the author below the frontmatter", "error", "value");
      break;
    }
    case "Product":
      image("image", doc.image);
      if (typeof doc.url === "string") checkUrl("url", doc.url, report, "url");
      break;
    case "RecommendationSet":
      if (Array.isArray(doc.products) && doc.products.length === 0) report("products", "a recommendation set needs at least one product");
      break;
    case "Newsletter": {
      const max = ctx.settings.newsletter.subjectMax;
      if (typeof doc.subject === "string" && [...doc.subject].length > max)
        report("subject", `subject is ${[...doc.subject].length} characters; keep it to ${max} or fewer`);
      break;
    }
  }
}

const isComponent = (name: string): name is MdxComponentName => (MDX_COMPONENT_NAMES as readonly string[]).includes(name);

function checkBody(
  type: string,
  doc: Record<string, unknown>,
  facts: BodyFacts,
  report: (pos: Pos, message: string, severity?: ContentProblem["severity"], rule?: string) => void,
) {
  for (const p of facts.esm)
    report(p, "import and export statements are not allowed in content; the components you may use are available without importing");
  for (const e of facts.expressions)
    report(
      e.at,
      `{${e.code}} is an expression that MDX runs as code, and it would fail when the page is built${
        type === "Newsletter" ? "; the greeting with the reader's first name is added to every issue for you" : ""
      }; to show braces as text write \\{ and \\}`,
    );

  for (const el of facts.elements) {
    if (/^[A-Z]/.test(el.name) || el.name.includes(".")) {
      if (!isComponent(el.name)) {
        const guess = closest(el.name, [...MDX_COMPONENT_NAMES]);
        report(el.at, `unknown MDX component <${el.name}>${guess ? `; did you mean <${guess}>?` : ""} (allowed: ${MDX_COMPONENT_NAMES.join(", ")})`);
        continue;
      }
      const spec = MDX_COMPONENT_PROPS[el.name];
      if (el.spread) report(el.at, `<${el.name}> has a {...spread} of props; write each prop out`);
      for (const a of el.attributes) {
        const prop = spec[a.name];
        if (!prop) {
          const guess = closest(a.name, Object.keys(spec));
          report(a.at, `<${el.name}> has no prop "${a.name}"${guess ? `; did you mean "${guess}"?` : ""} (props: ${Object.keys(spec).join(", ")})`);
          continue;
        }
        const v = a.value;
        if (v === true) report(a.at, `<${el.name} ${a.name}> needs a value: ${a.name}="…"`);
        else if (typeof v === "object") {
          const literal = literalOf(v.expression);
          if (literal === undefined || typeof literal !== (prop.kind === "number" ? "number" : "string"))
            report(
              a.at,
              prop.kind === "number"
                ? `<${el.name} ${a.name}={${v.expression}}>: write a number, e.g. ${a.name}={800}`
                : `<${el.name} ${a.name}={${v.expression}}>: write the text in quotes, e.g. ${a.name}="…"`,
            );
          else if (prop.options && !prop.options.includes(String(literal)))
            report(a.at, `<${el.name} ${a.name}="${literal}">: ${a.name} must be one of ${prop.options.join(", ")}`);
        } else if (prop.kind === "number") report(a.at, `<${el.name} ${a.name}="${v}">: write a number in braces, e.g. ${a.name}={${Number(v) || 800}}`);
        else if (prop.options && !prop.options.includes(v)) report(a.at, `<${el.name} ${a.name}="${v}">: ${a.name} must be one of ${prop.options.join(", ")}`);
        else if (prop.required && !v.trim()) report(a.at, `<${el.name}> ${a.name} is empty`);
      }
      for (const [name, prop] of Object.entries(spec))
        if (prop.required && !el.attributes.some((a) => a.name === name))
          report(el.at, `<${el.name}> needs ${name}="…"${name === "alt" ? " describing what the image shows" : ""}`);
    } else if (!HTML_ELEMENTS.has(el.name)) {
      const guess = closest(el.name, [...MDX_COMPONENT_NAMES]);
      report(
        el.at,
        guess && guess.toLowerCase() === el.name.toLowerCase()
          ? `unknown element <${el.name}>; components start with a capital letter: <${guess}>`
          : `unknown element <${el.name}>${guess ? `; did you mean <${guess}>?` : ""} (components: ${MDX_COMPONENT_NAMES.join(", ")})`,
      );
    } else
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) report(a.at, `<${el.name} ${a.name}>: scripts are not allowed in content`);
        else if (a.name === "style") report(a.at, `<${el.name} style>: inline styles are not allowed in content; use a component such as <Callout>`);
        else if (typeof a.value === "object") report(a.at, `<${el.name} ${a.name}={${a.value.expression}}>: write the value in quotes`);
      }
  }

  for (const img of facts.images) {
    if (img.alt !== undefined && !img.alt.trim())
      report(
        img.at,
        img.via === "markdown"
          ? `image ${img.src} has no alt text; write it between the brackets: ![what it shows](${img.src})`
          : `${img.via} image has no alt text; describe what it shows`,
      );
    if (img.via === "<img>" && img.alt === undefined) report(img.at, `<img> needs alt="…" describing what the image shows`);
    const p = imageSrcProblem(img.src);
    if (p && img.src) report(img.at, p.message, p.severity, "image");
  }

  const ids = new Set(facts.toc.map((t) => t.id));
  const selfUrl = typeof doc.url === "string" ? doc.url : "/";
  for (const l of facts.links) {
    const url = l.url.trim();
    if (/^javascript:/i.test(url)) report(l.at, "links may not run scripts (javascript:)");
    else if (HTTP.test(url)) report(l.at, `link to ${url} uses http://; use the https:// address if the site has one`, "warning", "link");
    else if (url.startsWith("#")) {
      if (url.length > 1 && !ids.has(decodeURIComponent(url.slice(1))))
        report(l.at, `link to ${url}: no heading on this page has that id (headings here: ${[...ids].map((i) => `#${i}`).join(", ") || "none"})`, "error", "link");
    } else if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("/")) {
      // An email has no address to be relative to; a bare name in an issue most likely means an article.
      const resolved = new URL(url, `https://site.invalid${type === "Newsletter" ? "/articles/" : selfUrl}`).pathname;
      report(
        l.at,
        type === "Newsletter"
          ? `link to "${url}" is relative, and an email has no page to be relative to; write the full path, e.g. ${resolved.replace(/\.mdx?$/, "")}`
          : `link to "${url}" is relative; write the path from the site's root, e.g. ${resolved.replace(/\.mdx?$/, "")}`,
        "error",
        "link",
      );
    }
  }

  for (const h of facts.h1)
    report(h, "a level-1 heading (#) in the body makes a second page title; start sections with ##", "warning", "heading");
}

/** The value of a literal expression ({800}, {"text"}), or undefined for anything else. */
function literalOf(expression: string): string | number | undefined {
  const e = expression.trim();
  if (/^-?\d+(\.\d+)?$/.test(e)) return Number(e);
  const m = /^(["'])(.*)\1$/s.exec(e);
  return m ? m[2] : undefined;
}
