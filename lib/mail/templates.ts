/**
 * What each email says, as typed data, and the one shape every rendered
 * email has. The rules in lib/ decide who gets which email with which
 * facts; components/email/ renders all of them from one set of React
 * components through one render function (HTML, text part, dark mode);
 * wiring/ hands that renderer to the rules. lib/ never imports React.
 */
export type RenderedEmail = { subject: string; html: string; text: string };

/** The footer links every subscription email carries. */
export type SubscriptionEmailBase = {
  newsletterName: string;
  siteName: string;
  publicUrl: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
};

export type EmailTemplates = {
  /** Double opt-in. Greets nobody: the name was typed by whoever filled the form, maybe not the address's owner. */
  confirmation(p: SubscriptionEmailBase & { confirmUrl: string; validHours: number; topics: string }): Promise<RenderedEmail>;
  /** After confirming; the name is the one they gave, shown plainly. */
  /** `topics`: the reader's choice in words (describeChoice in lib/newsletter/topics.ts). */
  welcome(p: SubscriptionEmailBase & { firstName: string | null; topics: string }): Promise<RenderedEmail>;
  alreadySubscribed(p: SubscriptionEmailBase): Promise<RenderedEmail>;
  /** "Someone replied to your comment": the replier's name (a checked, plain name) and our article title only. */
  replyNotice(p: {
    siteName: string;
    replierName: string;
    articleTitle: string;
    replyUrl: string;
    stopUrl: string;
  }): Promise<RenderedEmail>;
  /** Ties a browser to a returning commenter's address (decision 0014); says nothing a stranger typed. */
  confirmBrowser(p: { siteName: string; articleTitle: string; confirmUrl: string; validHours: number }): Promise<RenderedEmail>;
  /** The newsroom's sign-in link (decision 0040): the editor's own name, the link, how long it lasts. */
  newsroomSignIn(p: { siteName: string; editorName: string; signInUrl: string; validMinutes: number }): Promise<RenderedEmail>;
};
