// Click counts held in memory are written when the server stops (issue #18):
// a server process of this suite's build (`npm start`, server.ts) on its own
// SQLite file, with a flush interval far longer than the test, counts product
// clicks; SIGTERM stops it, and the counts are in the database afterwards.
//
// Port: E2E_INSTANCES_PORT + 6 (the several-instances spec uses the six from E2E_INSTANCES_PORT).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, openSync, rmSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_INSTANCES_PORT ?? 3220) + 6;
const FILE = "data/e2e-clicks-shutdown.db";
const PRODUCT = "contour-sleep-pillow";
const ARTICLE = "sleeping-positions-for-back-pain";
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

test("SIGTERM writes the click counts the server still holds before it exits", async () => {
  test.setTimeout(180_000);
  for (const f of [FILE, `${FILE}-wal`, `${FILE}-shm`]) rmSync(f, { force: true });
  const env = {
    ...process.env,
    APP_MODE: "local",
    DATABASE_URL: `file:./${FILE}`,
    PUBLIC_URL: `http://localhost:${PORT}`,
    PORT: String(PORT),
    CAPTCHA_PROVIDER: "off",
    SMTP_URL: "",
    OUTBOX_DIR: "data/e2e-clicks-outbox",
    // Far longer than the test: only the shutdown can write these counts.
    CLICK_FLUSH_MS: "60000",
    TSX_TSCONFIG_PATH: "tsconfig.scripts.json",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  execFileSync("npm", ["run", "--silent", "db:migrate"], { env, stdio: "ignore" });
  mkdirSync("test-results", { recursive: true });
  const log = openSync("test-results/clicks-shutdown.log", "w");
  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: ["ignore", log, log] });
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
  try {
    await expect
      .poll(async () => (await fetch(`http://localhost:${PORT}/api/health`).catch(() => undefined))?.status, { timeout: 90_000 })
      .toBe(200);
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`http://localhost:${PORT}/go/${PRODUCT}?from=${ARTICLE}`, {
        redirect: "manual",
        headers: { "user-agent": BROWSER },
      });
      expect(r.status).toBe(302);
    }
    const db = new Database(FILE, { readonly: true });
    const count = () =>
      (
        db.prepare(`SELECT SUM("clicks") AS n FROM "ProductClick" WHERE "productSlug" = ? AND "articleSlug" = ?`).get(PRODUCT, ARTICLE) as {
          n: number | null;
        }
      ).n ?? 0;
    // Held in memory: nothing written yet.
    expect(count()).toBe(0);
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(count()).toBe(4);
    db.close();
  } finally {
    if (server.exitCode === null) server.kill("SIGKILL");
  }
});
