// Rows in COPY's text format: columns separated by tabs, \N for NULL, and backslash escapes for
// the characters that would otherwise end a column or a row.
const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export type CopyValue = string | number | null;

export function copyRow(values: readonly CopyValue[]): string {
  return values.map(copyValue).join('\t') + '\n';
}

function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  return typeof value === 'number' ? String(value) : value.replace(SPECIAL, (char) => ESCAPES[char]!);
}
