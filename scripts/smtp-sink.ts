// Test support for Playwright: a real SMTP server on 127.0.0.1 that writes
// every message it receives to a folder as .eml, so browser tests (in other
// processes) can read the mail a reader would get.
//   tsx scripts/smtp-sink.ts <port> <folder>
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const port = Number(process.argv[2] ?? 2526);
const dir = process.argv[3] ?? "data/e2e-mail";
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
let n = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      writeFileSync(path.join(dir, `${Date.now()}-${++n}.eml`), Buffer.concat(chunks));
      cb();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(`smtp-sink listening on 127.0.0.1:${port}, writing to ${dir}`));
