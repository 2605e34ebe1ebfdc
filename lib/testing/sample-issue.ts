// Test support: a rendered newsletter issue with the per-recipient
// placeholders, as components/email renders one (HTML and text parts),
// small and hand-written so sending tests do not depend on the renderer.
import { PLACEHOLDERS } from "../newsletter/placeholders";

export function sampleIssue(subject = "Winter walking", body = "Walk a little after lunch.") {
  return {
    subject,
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${subject}</title></head><body><p>Hi ${PLACEHOLDERS.firstName},</p><p>${body}</p><p><a href="${PLACEHOLDERS.unsubscribe}">Unsubscribe</a> · <a href="${PLACEHOLDERS.preferences}">Preferences</a></p></body></html>`,
    text: `Hi ${PLACEHOLDERS.firstName},\n\n${body}\n\nUnsubscribe <${PLACEHOLDERS.unsubscribe}> · Preferences <${PLACEHOLDERS.preferences}>\n`,
  };
}
