// Test support: Debian's dovecot as a throw-away IMAP server on 127.0.0.1,
// with one mailbox user, its own config, state and mail in a temp folder.
// Mail is put in with IMAP APPEND (imapflow), as a relay's delivery would.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

export type Dovecot = { url: string; append(raw: string): Promise<void>; seen(): Promise<number>; close(): Promise<void> };

/** Whether dovecot is installed (CI installs it: .ci/run). */
export const hasDovecot = () => spawnSync("dovecot", ["--version"]).status === 0;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

export async function startDovecot(): Promise<Dovecot> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bim-imap-"));
  chmodSync(dir, 0o755);
  // Dovecot refuses to open mail as root; run the mailbox as nobody then.
  const uid = process.getuid?.() === 0 ? 65534 : (process.getuid?.() ?? 65534);
  const gid = process.getuid?.() === 0 ? 65534 : (process.getgid?.() ?? 65534);
  const home = path.join(dir, "home");
  mkdirSync(path.join(dir, "run"));
  mkdirSync(home);
  if (process.getuid?.() === 0) chownSync(home, uid, gid);
  const port = await freePort();
  writeFileSync(path.join(dir, "passwd"), "bounces:{PLAIN}test-secret\n");
  const conf = path.join(dir, "dovecot.conf");
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/run
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/log
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${home}/%u
}
mail_location = maildir:~/Maildir
service anvil {
  chroot =
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const child: ChildProcess = spawn("dovecot", ["-F", "-c", conf], { stdio: "ignore" });
  const url = `imap://bounces:test-secret@127.0.0.1:${port}/INBOX`;
  const client = () =>
    new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: "bounces", pass: "test-secret" },
      logger: false,
    });
  // Wait until it takes logins.
  for (let i = 0; ; i++) {
    const c = client();
    c.on("error", () => {});
    try {
      await c.connect();
      await c.logout();
      break;
    } catch (e) {
      if (i > 100) throw new Error(`dovecot did not start: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async append(raw) {
      const c = client();
      await c.connect();
      await c.append("INBOX", raw);
      await c.logout();
    },
    async seen() {
      const c = client();
      await c.connect();
      const lock = await c.getMailboxLock("INBOX");
      const found = await c.search({ seen: true }, { uid: true });
      lock.release();
      await c.logout();
      return (found || []).length;
    },
    async close() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
