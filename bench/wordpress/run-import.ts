// One import in its own process, so the benchmark reads this process's peak
// memory alone: npx tsx bench/wordpress/run-import.ts <project dir> <export.xml> <database url>
import { createDb } from "../../lib/db/client";
import { importWordPress } from "../../lib/import/wordpress";

const [root, file, url] = process.argv.slice(2);
const db = createDb({ url });
const started = performance.now();
const report = await importWordPress({ file, root, db });
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage();
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
await db.$disconnect();
// ru_maxrss is in kilobytes on Linux.
const peakMb = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, peakMb, counts: report.counts, attention: report.attention.length })}\n`);
