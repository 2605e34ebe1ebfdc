/**
 * Text from strangers (a commenter's name, an imported row) printed to an
 * operator's terminal. Control characters are replaced by a visible mark:
 * an ANSI escape in a name must not redraw the screen (fake "approved"
 * rows, hidden text, a changed window title).
 */
// C0 controls except none (tab and newline included: one record, one line), DEL, C1 controls,
// and the Unicode line/paragraph separators and bidi overrides that reorder what is shown.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function forTerminal(text: string): string {
  return text.replace(UNSAFE, "\uFFFD");
}
