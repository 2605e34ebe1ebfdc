// ESLint (flat config): Next's rules (core web vitals), typescript-eslint's
// recommended set, and the house floors that keep each room in its place.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const generated = [
  ".next/**",
  ".contentlayer/**",
  "lib/generated/**",
  "app/(site)/articles/(prebuilt)/**",
  "bench/**/.next/**",
  "data/**",
  "outbox/**",
  "newsletter-preview/**",
  "next-env.d.ts",
];

const config = [
  { ignores: generated },
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // React escapes text; an apostrophe in a sentence is not a bug.
      "react/no-unescaped-entities": "off",
    },
  },
  // Emails need plain <img> with absolute URLs; next/image is for pages.
  { files: ["components/email/**"], rules: { "@next/next/no-img-element": "off", "@next/next/no-head-element": "off" } },
  // Components render what they are given: the database is for pages and lib.
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/db/*", "**/lib/db", "**/lib/db/*"],
              message: "Components receive data as props; pages and lib/ load it.",
            },
            { group: ["@/lib/*/runtime", "**/lib/*/runtime"], message: "Runtime wiring belongs to routes and scripts, not components." },
          ],
        },
      ],
    },
  },
  // lib/ holds the rules and knows nothing of React or the routes.
  {
    files: ["lib/**"],
    ignores: ["lib/**/*.test.ts", "lib/**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ must not depend on app/ or components/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
