// What `import "server-only"` resolves to outside Next: in scripts, tests and
// server.ts (tsconfig.scripts.json and vitest.config.ts point it here), which
// are server code by definition. Inside Next the real package stands, and
// `next build` fails if a client component reaches a module that reads the
// database or a secret.
export {};
