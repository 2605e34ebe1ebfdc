// Test support for Playwright: a local stand-in for a reCAPTCHA v2 provider,
// serving both the widget script (/api.js) and the siteverify endpoint.
//   tsx scripts/captcha-stand-in.ts <port> [secret]
import { startSiteverifyStandIn } from "../lib/testing/siteverify-stand-in";

const port = Number(process.argv[2] ?? 2527);
const s = await startSiteverifyStandIn({ port, hostname: "localhost", secret: process.argv[3] ?? "e2e-captcha-secret" });
console.log(`captcha stand-in on ${s.url}`);
