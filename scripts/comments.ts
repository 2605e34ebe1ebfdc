// npm run comments -- <command>
//   list [--status pending|approved|spam|deleted] [--article slug] [--limit n]
//   approve <id> | spam <id> | pending <id> | delete <id>
//   erase <email> [--keep-text | --remove-text]
// Editors' moderation from the command line; the rules live in lib/comments.
import { eraseCommenter, listComments, setCommentStatus } from "../lib/comments/editor";
import type { CommentStatus } from "../lib/comments/moderation";
import { requestRevalidation } from "../lib/revalidate-remote";
import { editorDeps } from "../lib/comments/runtime";
import { db, disconnectDb } from "../lib/db";
import { env } from "../lib/env";
import { mailer } from "../lib/mail";

const [command, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};

const USAGE = `usage: npm run comments -- list [--status S] [--article SLUG] [--limit N]
       npm run comments -- approve|spam|pending|delete <id>
       npm run comments -- erase <email> [--keep-text|--remove-text]`;

async function onChanged(slug: string) {
  const r = await requestRevalidation(slug);
  console.log(r === "done" ? `regenerated /articles/${slug}` : `no running server answered; /articles/${slug} updates at the next build or start`);
}

async function main(): Promise<number> {
  switch (command) {
    case "list": {
      const status = flag("status") as CommentStatus | undefined;
      const rows = await listComments(db(), { status, article: flag("article"), limit: Number(flag("limit") ?? 50) });
      if (rows.length === 0) console.log("no comments");
      for (const r of rows)
        console.log(`${r.id}  ${r.status.padEnd(8)}  ${r.createdAt.toISOString().slice(0, 16)}  ${r.article}  ${r.name} <${r.email ?? "erased"}>${r.parentId ? `  (reply to ${r.parentId})` : ""}\n    ${r.excerpt}`);
      return 0;
    }
    case "approve":
    case "spam":
    case "pending":
    case "delete": {
      const id = rest[0];
      if (!id) return fail(`${command} needs a comment id`);
      const status: CommentStatus = command === "approve" ? "approved" : command === "delete" ? "deleted" : command;
      const r = await setCommentStatus(editorDeps(onChanged), id, status);
      if (!r.ok) return fail(r.message);
      console.log(`${id} is now ${status}${r.notified ? "; the parent commenter was notified" : ""}`);
      return 0;
    }
    case "erase": {
      const email = rest[0];
      if (!email?.includes("@")) return fail("erase needs an email address");
      const keepText = rest.includes("--remove-text") ? false : rest.includes("--keep-text") ? true : env().COMMENT_ERASE_KEEPS_TEXT;
      const r = await eraseCommenter({ db: db(), onChanged }, email, { keepText });
      console.log(`erased personal data from ${r.comments} comment(s)${keepText ? " (text kept, shown as Anonymous)" : " (text removed)"}`);
      return 0;
    }
    default:
      return fail(command ? `unknown command "${command}"` : "no command given");
  }
}

function fail(message: string): number {
  console.error(`comments: ${message}\n${USAGE}`);
  return 2;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error(`comments: ${(e as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    mailer().close();
    await disconnectDb();
  });
