// npm run editors -- <command>     (who may use the newsroom, the editors' console)
// The rules live in lib/newsroom/editors.ts; the console's Editors page calls the same functions.
import { db, disconnectDb } from "../lib/db";
import type { Actor } from "../lib/newsroom/audit";
import { addEditor, listEditors, removeEditor } from "../lib/newsroom/editors";
import { BADGES, ROLES } from "../lib/newsroom/roles";
import { choiceFlag, isMain, main, parseCommand, unknownCommand, UsageError, type Tool } from "./cli";

const USAGE = `usage: npm run editors -- add <email> --role ${ROLES.join("|")} [--name "Display Name"] [--credentials "PT, DPT"] [--badge ${BADGES.join("|")}]
       npm run editors -- list
       npm run editors -- remove <email>`;

const OPERATOR: Actor = { id: null, name: "operator (npm run editors)", ipPrefix: null };

export const editorsTool: Tool = {
  name: "editors",
  usage: USAGE,
  async run(args, io) {
    const { values, command, target } = parseCommand(args, {
      role: { type: "string" },
      name: { type: "string" },
      credentials: { type: "string" },
      badge: { type: "string" },
    });
    switch (command) {
      case "add": {
        if (!target) throw new UsageError("add needs an email address");
        const role = choiceFlag(values.role, "role", ROLES);
        if (!role) throw new UsageError(`add needs --role ${ROLES.join("|")}`);
        const r = await addEditor(db(), OPERATOR, {
          email: target,
          role,
          displayName: values.name,
          credentials: values.credentials,
          badge: choiceFlag(values.badge, "badge", BADGES),
        });
        if (!r.ok) {
          for (const [field, message] of Object.entries(r.errors)) io.err(`editors: ${field}: ${message}`);
          return 1;
        }
        io.out(`added ${r.editor.email} as ${r.editor.role} ("${r.editor.displayName}"); they sign in at /newsroom with an emailed link`);
        return 0;
      }
      case "list": {
        if (target) throw new UsageError("list takes no arguments");
        const editors = await listEditors(db());
        if (editors.length === 0)
          io.out("no editors (set NEWSROOM_ADMIN_EMAIL or run: npm run editors -- add you@example.org --role admin)");
        for (const e of editors)
          io.out(
            `${e.email}  ${e.role.padEnd(9)}  ${e.displayName}${e.credentials ? `, ${e.credentials}` : ""}  (since ${e.createdAt.toISOString().slice(0, 10)})`,
          );
        return 0;
      }
      case "remove": {
        if (!target?.includes("@")) throw new UsageError("remove needs an email address");
        const r = await removeEditor(db(), OPERATOR, { email: target });
        if (!r.ok) {
          io.err(`editors: ${r.message}`);
          return 1;
        }
        io.out(`removed ${target.trim().toLowerCase()}; their sessions have ended`);
        return 0;
      }
      default:
        throw unknownCommand(command);
    }
  },
  close: disconnectDb,
};

if (isMain(import.meta.url)) await main(editorsTool);
