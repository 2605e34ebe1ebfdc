import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./lib/testing/chromium";

// End-to-end tests run against the production build (`next build` +
// `npm start`, i.e. server.ts) on a fresh SQLite file, in Debian's Chromium: Playwright's
// own browser download is not possible on these machines.
// Scripts and server.ts started from here run outside Next (tsconfig.scripts.json).
process.env.TSX_TSCONFIG_PATH ??= new URL("./tsconfig.scripts.json", import.meta.url).pathname;

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://localhost:${PORT}`;
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2526);
export const MAIL_DIR = "data/e2e-mail";
export const CAPTCHA_PORT = Number(process.env.E2E_CAPTCHA_PORT ?? 2527);
/**
 * The same build served as a newcomer runs it: no SMTP (local outbox +
 * /dev/mailbox). Its static pages were built with the captcha settings
 * below, so this server keeps them (a page and its Content-Security-Policy
 * must agree on the widget).
 */
export const LOCAL_PORT = Number(process.env.E2E_LOCAL_PORT ?? 3211);

/** Captcha is on in these tests, answered by a local reCAPTCHA v2 stand-in. */
const CAPTCHA = {
  CAPTCHA_PROVIDER: "recaptcha-v2",
  CAPTCHA_SITE_KEY: "e2e-site-key",
  CAPTCHA_SECRET_KEY: "e2e-captcha-secret",
  CAPTCHA_VERIFY_URL: `http://127.0.0.1:${CAPTCHA_PORT}/siteverify`,
  CAPTCHA_SCRIPT_URL: `http://127.0.0.1:${CAPTCHA_PORT}/api.js`,
};

const chromium = { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  // Ceilings, not speed checks: the suite must pass on a busy 2-core machine.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  use: { baseURL: BASE_URL, launchOptions: chromium, trace: "off" },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium }, testMatch: /reader\.spec\.ts/ },
  ],
  webServer: [
    // The mail a reader would get arrives at a real SMTP server on 127.0.0.1.
    { command: `npx tsx scripts/smtp-sink.ts ${SMTP_PORT} ${MAIL_DIR}`, port: SMTP_PORT, timeout: 120_000, reuseExistingServer: false },
    // Captcha is on in these tests, answered by a local reCAPTCHA v2 stand-in.
    { command: `npx tsx scripts/captcha-stand-in.ts ${CAPTCHA_PORT}`, port: CAPTCHA_PORT, timeout: 120_000, reuseExistingServer: false },
    {
      command: `bash scripts/e2e-server.sh ${PORT}`,
      url: `${BASE_URL}/api/health`,
      // Builds the site first: minutes on a busy machine.
      timeout: 1_200_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`, ...CAPTCHA },
    },
    {
      command: `rm -rf data/e2e-outbox && node --import tsx server.ts`,
      url: `http://localhost:${LOCAL_PORT}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      env: {
        APP_MODE: "local",
        PORT: String(LOCAL_PORT),
        DATABASE_URL: "file:./data/e2e.db",
        PUBLIC_URL: `http://localhost:${LOCAL_PORT}`,
        OUTBOX_DIR: "data/e2e-outbox",
        SMTP_URL: "",
        ...CAPTCHA,
      },
    },
  ],
});
