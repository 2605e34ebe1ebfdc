import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "contentlayer/generated": path.join(root, ".contentlayer/generated/index.mjs"),
    },
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.int.test.ts"] },
      },
      // The data-layer suite runs twice: once per database (issue #3).
      { extends: true, test: { name: "db-sqlite", include: ["lib/**/*.int.test.ts"], env: { TEST_DB: "sqlite" } } },
      { extends: true, test: { name: "db-postgres", include: ["lib/**/*.int.test.ts"], env: { TEST_DB: "postgres" } } },
    ],
  },
});
