import type { EmailTemplates } from "@/lib/mail/templates";
import { confirmBrowser, replyNotice } from "./comments";
import { newsroomSignIn } from "./newsroom";
import { alreadySubscribed, confirmation, welcome } from "./subscription";

/** Every transactional email, rendered by this folder's components (wiring/ hands it to lib/). */
export const emailTemplates: EmailTemplates = { confirmation, welcome, alreadySubscribed, replyNotice, confirmBrowser, newsroomSignIn };
