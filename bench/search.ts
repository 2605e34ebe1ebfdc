// npm run bench:search [-- --articles 1000 --queries 2000]
// Site search at archive scale: builds the index of N generated articles
// (the build step), loads it (a server's first search), and times queries
// (a server's work per /search request, before rendering). Targets (issue
// #15): index build < 10 s and p95 < 20 ms per query at 1,000 articles.
import { parseArgs } from "node:util";
import { buildSearchIndex, loadSearchIndex, searchArticles, type SearchDoc } from "../lib/search";

const { values } = parseArgs({ options: { articles: { type: "string", default: "1000" }, queries: { type: "string", default: "2000" } } });
const n = Number(values.articles);
const q = Number(values.queries);

// Words of the trade, so queries hit many documents the way real ones do.
const WORDS =
  "back neck pain posture sleep pillow mattress desk chair screen walking stretch core exercise spine disc sciatica lifting knees hips shoulder stiffness morning evening habit doctor physiotherapy heat ice massage breathing stress standing sitting office commute car driving travel running cycling swimming yoga pilates strength balance recovery flare gentle daily routine weekly".split(
    " ",
  );
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = () => WORDS[Math.floor(random() * WORDS.length)];
const sentence = (k: number) => Array.from({ length: k }, pick).join(" ");

const docs: SearchDoc[] = Array.from({ length: n }, (_, i) => ({
  slug: `article-${i}`,
  title: `${sentence(5)} ${i}`,
  subtitle: sentence(8),
  headings: Array.from({ length: 5 }, () => sentence(4)).join("; "),
  body: Array.from({ length: 60 }, () => `${sentence(14)}.`).join(" "),
  description: sentence(20),
  url: `/articles/article-${i}`,
  category: ["back-pain", "neck-pain", "movement"][i % 3],
  published: Date.parse("2020-01-01") + i * 86_400_000,
}));

const t0 = performance.now();
const json = buildSearchIndex(docs);
const buildMs = performance.now() - t0;
const t1 = performance.now();
const index = loadSearchIndex(json);
const loadMs = performance.now() - t1;

const now = new Date();
const queries = Array.from({ length: q }, (_, i) =>
  i % 4 === 0 ? pick().slice(0, 4) : i % 4 === 1 ? `${pick()} ${pick()}` : i % 4 === 2 ? `${pick()}x ${pick()}` : sentence(3),
);
for (const query of queries.slice(0, 100)) searchArticles(index, query, { now }); // warm up
const times: number[] = [];
for (const [i, query] of queries.entries()) {
  const s = performance.now();
  searchArticles(index, query, { now, category: i % 5 === 0 ? "movement" : undefined });
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const p = (x: number) => times[Math.min(times.length - 1, Math.floor(times.length * x))];
const report = {
  articles: n,
  indexBytes: json.length,
  buildSeconds: +(buildMs / 1000).toFixed(2),
  loadSeconds: +(loadMs / 1000).toFixed(2),
  queries: q,
  p50ms: +p(0.5).toFixed(2),
  p95ms: +p(0.95).toFixed(2),
  p99ms: +p(0.99).toFixed(2),
};
console.log(JSON.stringify(report, null, 2));
console.log(
  `index build ${report.buildSeconds} s (target < 10 s), p95 per query ${report.p95ms} ms (target < 20 ms): ${report.buildSeconds < 10 && report.p95ms < 20 ? "met" : "NOT met"}`,
);
