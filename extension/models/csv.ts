/**
 * CSV for spreadsheets, Excel first: UTF-8 with a byte-order mark (without it Excel reads Japanese as
 * Shift_JIS and shows mojibake), CRLF line ends, fields quoted when they hold a comma, quote or line
 * break (RFC 4180). A text cell that starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`,
 * so a caller's name from the CRM can never run as a formula in the admin's spreadsheet.
 */
export type CsvCell = string | number | null;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
