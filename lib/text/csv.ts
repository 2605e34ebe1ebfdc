/**
 * A cell of a CSV file an operator will open in a spreadsheet. A cell that
 * starts with = + - @ (or a tab or carriage return) is a formula to Excel,
 * LibreOffice and Google Sheets (`=HYPERLINK(…)` in a subscriber's name);
 * as OWASP recommends, such a cell is prefixed with a single quote so it is
 * shown as text. The CSV quoting itself is csv-stringify's job.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  const text = value ?? "";
  return FORMULA_START.test(text) ? `'${text}` : text;
}
