// A content/ of N generated articles (default 1,000) beside the sample
// content, in a throwaway project that links this one's node_modules and
// public/: what `npm run bench:content` checks. Each article is shaped like a
// real one (about 900 words, ## and ### sections, a list, links to other
// articles and headings, a product card, a callout, a figure, a cited
// reference) so every analysis and the MDX compile do their real work.
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const WORDS = (
  "back neck posture walking sitting standing desk chair pillow sleep stretch strength core hip shoulder habit routine morning " +
  "evening gentle slow steady breath muscle joint spine movement rest recovery week day minute comfort ease support pattern change"
).split(" ");

/** Deterministic text: the same N gives the same files, so runs compare. */
function sentence(seed: number, words = 14): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13 + ((seed >> 3) % 5)) % WORDS.length]);
  const s = out.join(" ");
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

const paragraph = (seed: number, sentences = 5) => Array.from({ length: sentences }, (_, i) => sentence(seed + i * 31)).join(" ");
const slugOf = (i: number) => `generated-${String(i).padStart(4, "0")}`;

export function generatedArticle(i: number, n: number): string {
  const other = (k: number) => slugOf((i + k) % n);
  const date = `2026-${String((i % 9) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`;
  return `---
title: Generated article ${i} about everyday back care
subtitle: What helps a sore back on an ordinary day?
description: A generated article for the content check benchmark, shaped like a real one with sections, links, a product and a cited source.
author: ${["dana-whitcombe", "marcus-hale", "priya-raman"][i % 3]}
reviewer: samuel-okafor
reviewedOn: ${date}
published: ${date}
category: ${["back-pain", "movement", "neck-pain"][i % 3]}
tags: [generated, ${WORDS[i % WORDS.length]}, ${WORDS[(i + 5) % WORDS.length]}]
hero:
  src: /images/articles/walking.svg
  alt: Abstract illustration used by the generated benchmark articles
references:
  - id: source-${i}
    title: A generated source number ${i}
    authors: [Author A, Author B]
    year: 2020
    publisher: Journal of Generated Evidence
    doi: 10.1000/generated.${i}
---
${paragraph(i)}

## Why it matters

${paragraph(i + 1)} ${paragraph(i + 2, 3)}<Cite id="source-${i}" />

${paragraph(i + 3)}

### A closer look

${paragraph(i + 4)} See [a related piece](/articles/${other(1)}) and [another](/articles/${other(7)}#why-it-matters).

- ${sentence(i + 5, 8)}
- ${sentence(i + 6, 8)}
- ${sentence(i + 7, 8)}

## What to try

${paragraph(i + 8)}

<Callout type="tip" title="A small step">
${paragraph(i + 9, 2)}
</Callout>

${paragraph(i + 10)}

<Figure src="/images/articles/desk-diagram.svg" alt="A generated figure of a desk set up at a comfortable height" caption="${sentence(i + 11, 6)}" />

### Doing it every day

${paragraph(i + 12)} ${paragraph(i + 13)}

<ProductCard id="${["spineease-lumbar-cushion", "contour-sleep-pillow", "textured-foam-roller"][i % 3]}" />

## When to get help

${paragraph(i + 14)} Read more in [when to see a doctor](/articles/when-to-see-a-doctor).

${paragraph(i + 15)}
`;
}

/** A project directory with the sample content plus `n` generated articles. */
export function generateProject(root: string, n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-bench-content-"));
  for (const link of ["node_modules", "public"]) symlinkSync(path.join(root, link), path.join(dir, link));
  for (const f of ["contentlayer.config.ts", "package.json", "lib/content", "content"]) cpSync(path.join(root, f), path.join(dir, f), { recursive: true });
  mkdirSync(path.join(dir, "content/articles/generated"), { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, "content/articles/generated", `${slugOf(i)}.mdx`), generatedArticle(i, n));
  return dir;
}
