// npm run content:check — compiles content/ with contentlayer2 (field types,
// required fields, dates) and then checks what spans documents (references,
// duplicate slugs, date order, alt text, MDX components, internal links).
// Exits 1 with one line per problem, each naming the file and the field.
// Runs in the current directory, so tests can point it at a fixture project.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { checkContentIntegrity, formatContentErrors } from "../lib/content/integrity";
import type { ContentSet } from "../lib/content/types";

const cwd = process.cwd();
const bin = path.join(cwd, "node_modules", ".bin", "contentlayer2");
// contentlayer2 takes its project root from $PWD, not the process cwd; pin it to ours.
const build = spawnSync(bin, ["build"], { cwd, encoding: "utf8", env: { ...process.env, PWD: cwd } });
const output = `${build.stdout}${build.stderr}`.replace(/^npm warn.*\n/gm, "");
if (build.status !== 0 || /error|warning/i.test(output.replace(/Generated \d+ documents.*/, ""))) {
  console.error("content:check failed while compiling content/ (contentlayer2):\n");
  console.error(output.trim());
  process.exit(1);
}

const generated = await import(pathToFileURL(path.join(cwd, ".contentlayer", "generated", "index.mjs")).href);
const set: ContentSet = {
  articles: generated.allArticles,
  authors: generated.allAuthors,
  categories: generated.allCategories,
  products: generated.allProducts,
  recommendationSets: generated.allRecommendationSets,
  newsletters: generated.allNewsletters,
};
const errors = checkContentIntegrity(set);
if (errors.length > 0) {
  console.error(`content:check found ${errors.length} problem(s):\n${formatContentErrors(errors)}`);
  process.exit(1);
}
const n = set.articles.length + set.authors.length + set.products.length + set.recommendationSets.length + set.categories.length + set.newsletters.length;
console.log(`content:check: ${n} documents OK`);
