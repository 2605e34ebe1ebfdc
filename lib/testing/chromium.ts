// The Chromium the end-to-end tests (playwright.config.ts) and the Lighthouse
// benchmark (bench/pages.ts) both drive, with the flags that keep it from
// sandboxing, using a GPU or calling home.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
