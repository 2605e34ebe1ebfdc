/**
 * A person's name as typed by a stranger into a form (a commenter, a
 * subscriber). It ends up on pages and in emails, sometimes in the inbox
 * of someone else, so it is a name and nothing else: no web or email
 * addresses (a phishing line in a stranger's inbox), no control or
 * direction-changing characters. Plain, so the browser form can use it too.
 */
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ADDRESS_LIKE = /[a-z][a-z0-9+.-]*:\/\/|www\.|@|\.(com|org|net|io|info|biz|co|ru|xyz|link|click)\b/i;

export function personNameProblem(name: string): string | undefined {
  if (UNSHOWABLE.test(name)) return "Name contains characters that cannot be shown";
  if (ADDRESS_LIKE.test(name)) return "Name cannot contain a web or email address";
  if (!/\p{L}/u.test(name)) return "Name must contain letters";
  return undefined;
}
