// npm run comments -- <command>     (editors' moderation from the command line)
// The rules live in lib/comments; the newsroom console calls the same functions.
import { eraseCommenter, listComments, setCommentStatus } from "../lib/comments/editor";
import { COMMENT_STATUSES, type CommentStatus } from "../lib/comments/moderation";
import { db } from "../lib/db";
import { env } from "../lib/env";
import { audit } from "../lib/newsroom/audit";
import { requestRevalidation } from "../lib/revalidate-remote";
import { editorDeps } from "../wiring/comments";
import { choiceFlag, closeMailAndDb, intFlag, isMain, main, parseCommand, unknownCommand, UsageError, type Io, type Tool } from "./cli";

const USAGE = `usage: npm run comments -- list [--status pending|approved|spam|deleted] [--article SLUG] [--limit N]
       npm run comments -- approve|spam|pending|delete <comment-id>
       npm run comments -- erase <email> [--keep-text | --remove-text]`;

const OPERATOR = { id: null, name: "operator (npm run comments)", ipPrefix: null };

const onChanged = (io: Io) => async (slug: string) => {
  const r = await requestRevalidation(slug);
  io.out(
    r === "done" ? `regenerated /articles/${slug}` : `no running server answered; /articles/${slug} updates at the next build or start`,
  );
};

export const commentsTool: Tool = {
  name: "comments",
  usage: USAGE,
  async run(args, io) {
    const { values, command, target } = parseCommand(args, {
      status: { type: "string" },
      article: { type: "string" },
      limit: { type: "string" },
      "keep-text": { type: "boolean" },
      "remove-text": { type: "boolean" },
    });
    switch (command) {
      case "list": {
        const rows = await listComments(db(), {
          status: choiceFlag(values.status, "status", COMMENT_STATUSES),
          article: values.article,
          limit: intFlag(values.limit, "limit", { min: 1, max: 1000, default: 50 }),
        });
        if (rows.length === 0) io.out("no comments");
        for (const r of rows)
          io.out(
            `${r.id}  ${r.status.padEnd(8)}  ${r.createdAt.toISOString().slice(0, 16)}  ${r.article}  ${r.name} <${r.email ?? "erased"}>${r.parentId ? `  (reply to ${r.parentId})` : ""}\n    ${r.excerpt}`,
          );
        return 0;
      }
      case "approve":
      case "spam":
      case "pending":
      case "delete": {
        if (!target) throw new UsageError(`${command} needs a comment id (see: npm run comments -- list)`);
        const status: CommentStatus = command === "approve" ? "approved" : command === "delete" ? "deleted" : command;
        const before = await db().comment.findUnique({ where: { id: target }, select: { status: true } });
        const r = await setCommentStatus(editorDeps(onChanged(io)), target, status);
        if (!r.ok) {
          io.err(`comments: ${r.message}`);
          return 1;
        }
        // The newsroom's audit log records changes made from the shell too.
        if (before && before.status !== status)
          await audit(db(), OPERATOR, { action: `comment.${command}`, objectType: "comment", objectId: target, before, after: { status } });
        io.out(`${target} is now ${status}${r.notified ? "; the parent commenter was notified" : ""}`);
        return 0;
      }
      case "erase": {
        if (!target?.includes("@")) throw new UsageError("erase needs an email address");
        if (values["keep-text"] && values["remove-text"]) throw new UsageError("choose --keep-text or --remove-text, not both");
        const keepText = values["remove-text"] ? false : values["keep-text"] ? true : env().COMMENT_ERASE_KEEPS_TEXT;
        const r = await eraseCommenter({ db: db(), onChanged: onChanged(io) }, target, { keepText });
        await audit(db(), OPERATOR, { action: "commenter.erase", objectType: "commenter", after: { comments: r.comments, keepText } });
        io.out(`erased personal data from ${r.comments} comment(s)${keepText ? " (text kept, shown as Anonymous)" : " (text removed)"}`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: closeMailAndDb,
};

if (isMain(import.meta.url)) await main(commentsTool);
