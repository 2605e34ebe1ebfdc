// The benchmark's SMTP relay: a real smtp-server on 127.0.0.1, in its own
// process, that accepts and discards every message (no parsing), so the
// senders under test are what limits the rate. Prints "port <n>" when ready.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

let count = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  closeTimeout: 100,
  size: 1_000_000,
  onData(stream, _s, cb) {
    stream.on("end", () => {
      count++;
      cb();
    });
    stream.resume();
  },
});
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.server.address() as AddressInfo).port}`));
process.on("message", () => process.send?.({ count }));
