import { decodeHTML } from 'entities';
import { ContentFormatError } from './format-error.js';

/**
 * One post of an archive listing. Each record is three lines: a date (`May 12, 2024`),
 * the title, and the summary as a JSON string literal whose text still holds HTML entities.
 */
export interface ArchiveEntry {
  title: string;
  /** The listed calendar day at 00:00:00.000 UTC. */
  publishedAt: Date;
  /** Plain text: entities decoded, real newlines kept, a trailing ` …` cut marker kept. */
  summary: string;
  /** 1-based line of the record's date line. */
  line: number;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const DATE_LINE = /^([A-Za-z]+) (\d{1,2}), (\d{4})$/;
const EXPECTED_DATE = 'expected a date like "May 12, 2024" (English month name, day, four-digit year)';
const EXPECTED_SUMMARY = 'expected the summary as a JSON string literal ("…")';

/** Blank lines between records, CRLF line ends and a byte-order mark are tolerated. */
export function parseArchive(text: string, fileName?: string): ArchiveEntry[] {
  // Trailing blank lines are dropped so a record cut short at the end reads as truncated.
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split(/\r?\n/);
  const entries: ArchiveEntry[] = [];
  let index = 0;
  while (index < lines.length) {
    if (isBlank(lines[index])) {
      index += 1;
    } else {
      entries.push(parseRecord(lines.slice(index, index + 3), index + 1, fileName));
      index += 3;
    }
  }
  return entries;
}

type Fail = (message: string) => ContentFormatError;

function parseRecord(record: string[], line: number, fileName: string | undefined): ArchiveEntry {
  const failAt = (at: number): Fail => (message) => new ContentFormatError(message, fileName, at);
  const [dateLine = '', titleLine, summaryLine] = record;

  const publishedAt = parseDateLine(dateLine.trim(), failAt(line));

  if (titleLine === undefined) {
    throw failAt(line)('the record ends after its date; expected a title line and then the summary');
  }
  if (isBlank(titleLine)) {
    throw failAt(line + 1)(`expected the post title after the date on line ${line}, found a blank line`);
  }
  if (summaryLine === undefined) {
    throw failAt(line)(`the record ends after its title; ${EXPECTED_SUMMARY}${missingTitleHint(titleLine)}`);
  }
  const summary = parseSummary(summaryLine, failAt(line + 2));
  return { title: titleLine.trim(), publishedAt, summary, line };
}

function parseDateLine(text: string, fail: Fail): Date {
  const match = DATE_LINE.exec(text);
  const month = MONTHS.indexOf(match?.[1] ?? '');
  if (!match || month < 0) throw fail(`${EXPECTED_DATE}, found ${quote(text)}`);

  const day = Number(match[2]);
  const year = Number(match[3]);
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCDate() !== day) {
    throw fail(`${quote(text)} is not a calendar date: ${MONTHS[month]} ${year} has no day ${day}`);
  }
  return date;
}

function parseSummary(literal: string, fail: Fail): string {
  if (isBlank(literal)) throw fail(`${EXPECTED_SUMMARY}, found a blank line`);
  let value: unknown;
  try {
    value = JSON.parse(literal);
  } catch (error) {
    const hint = DATE_LINE.test(literal.trim())
      ? '; this looks like a date line: is the title of the record above missing?'
      : '';
    throw fail(`${EXPECTED_SUMMARY}, but it is not valid JSON (${(error as Error).message})${hint}`);
  }
  if (typeof value !== 'string') {
    throw fail(`${EXPECTED_SUMMARY}, found JSON of another type: ${quote(literal)}`);
  }
  // JSON first, then entities: the literal escapes `&` as \u0026, so the entities only appear once parsed.
  return decodeHTML(value);
}

function missingTitleHint(titleLine: string): string {
  return titleLine.trimStart().startsWith('"')
    ? ' (the title line looks like a JSON string: is the title missing?)'
    : '';
}

function isBlank(line: string | undefined): boolean {
  return line !== undefined && line.trim() === '';
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
