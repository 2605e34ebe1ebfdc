import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "contentlayer/generated": path.join(root, ".contentlayer/generated/index.mjs"),
      // Tests run outside Next: server modules' `import "server-only"` is a no-op here.
      "server-only": path.join(root, "scripts/server-only-outside-next.ts"),
    },
  },
  test: {
    // Processes the tests start (tsx scripts) resolve `server-only` the same way.
    env: { TSX_TSCONFIG_PATH: path.join(root, "tsconfig.scripts.json") },
    // Generous ceilings: integration tests start processes and wait on real
    // databases, and must pass on a busy 2-core machine (load average 15+ was
    // seen with several builds beside them). A ceiling is a hang detector, not
    // a speed check.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{lib,scripts,components,wiring}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts"] },
      },
      // The data-layer suite runs twice: once per database (issue #3).
      { extends: true, test: { name: "db-sqlite", include: ["{lib,scripts,wiring}/**/*.int.test.ts"], env: { TEST_DB: "sqlite" } } },
      { extends: true, test: { name: "db-postgres", include: ["{lib,scripts,wiring}/**/*.int.test.ts"], env: { TEST_DB: "postgres" } } },
    ],
  },
});
