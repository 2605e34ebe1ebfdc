// Shared by the signup form in the browser and the zod schema; keep this
// module free of imports so the form's bundle stays small.
export const NEWSLETTER_LIMITS = { email: 254, firstName: 60 } as const;

/** Where on the site a signup happened: "home", "newsletter-page", "article:<slug>", "import:<file>". */
export const CONSENT_SOURCE = /^(home|newsletter-page|article:[a-z0-9-]{1,100}|import:[\w.-]{1,100})$/;
