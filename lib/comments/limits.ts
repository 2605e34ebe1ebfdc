/**
 * Field limits of the comment form. A module of its own (no zod) so the
 * browser form can use the same numbers without loading the schema up front.
 */
export const COMMENT_LIMITS = { name: 80, email: 254, website: 200, body: 5_000 } as const;
