import { describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/content/seed-archive.js';
import { ContentFormatError } from '../../src/content/format-error.js';

const record = (date: string, title: string, summary: string) => [date, title, summary].join('\n');

function parseError(text: string): ContentFormatError {
  try {
    parseArchive(text, 'archive.txt');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentFormatError);
    return error as ContentFormatError;
  }
  throw new Error('expected parseArchive to fail');
}

describe('parseArchive', () => {
  it('reads the date, title and summary of each record', () => {
    const text = [
      record('May 12, 2024', 'git 操作中那些常常被忽略的用法', '"first"'),
      record('November 16, 2023', 'Rust中的迭代器iter', '"second"'),
    ].join('\n');

    expect(parseArchive(text)).toEqual([
      { title: 'git 操作中那些常常被忽略的用法', publishedAt: new Date('2024-05-12T00:00:00.000Z'), summary: 'first', line: 1 },
      { title: 'Rust中的迭代器iter', publishedAt: new Date('2023-11-16T00:00:00.000Z'), summary: 'second', line: 4 },
    ]);
  });

  it('reads single-digit days and the last day of a leap February', () => {
    const [first, second] = parseArchive(
      [record('February 2, 2024', 'a', '"a"'), record('February 29, 2024', 'b', '"b"')].join('\n'),
    );
    expect(first?.publishedAt.toISOString()).toBe('2024-02-02T00:00:00.000Z');
    expect(second?.publishedAt.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('decodes HTML entities after the JSON escapes', () => {
    const literal = String.raw`"mkdir git-demo \u0026amp;\u0026amp; cd git-demo \u0026amp;\u0026amp; git commit -m \u0026lsquo;add 1.txt\u0026rsquo;"`;
    const [entry] = parseArchive(record('May 12, 2024', 't', literal));
    expect(entry?.summary).toBe('mkdir git-demo && cd git-demo && git commit -m ‘add 1.txt’');
  });

  it('decodes entities once, so an escaped entity stays readable text', () => {
    const [entry] = parseArchive(record('May 12, 2024', 't', '"use \\u0026amp;lt; for \\u0026lt;"'));
    expect(entry?.summary).toBe('use &lt; for <');
  });

  it('keeps real newlines, escaped backslashes and the trailing cut marker', () => {
    const literal = String.raw`"line one\nUbuntu 22.04.1 LTS \\n \\l\nlast words …"`;
    const [entry] = parseArchive(record('May 12, 2024', 't', literal));
    expect(entry?.summary).toBe('line one\nUbuntu 22.04.1 LTS \\n \\l\nlast words …');
  });

  it('tolerates a byte-order mark, CRLF line ends and blank lines between records', () => {
    const text = `\uFEFF\r\nMay 12, 2024\r\nfirst\r\n"a"\r\n\r\n\r\nApril 29, 2024\r\nsecond\r\n"b"\r\n`;
    const entries = parseArchive(text);
    expect(entries.map(({ title, summary, line }) => ({ title, summary, line }))).toEqual([
      { title: 'first', summary: 'a', line: 2 },
      { title: 'second', summary: 'b', line: 7 },
    ]);
  });

  it('reads an empty listing as no entries', () => {
    expect(parseArchive('')).toEqual([]);
    expect(parseArchive('\n\n')).toEqual([]);
  });

  describe('rejects malformed input with the line and what was expected', () => {
    it('a date line that is not a date', () => {
      const error = parseError(record('12 May 2024', 't', '"s"'));
      expect(error.line).toBe(1);
      expect(error.file).toBe('archive.txt');
      expect(error.message).toMatch(/^archive\.txt:1: expected a date like "May 12, 2024".*found "12 May 2024"/);
    });

    it('an unknown month name', () => {
      expect(parseError(record('Mai 12, 2024', 't', '"s"')).message).toMatch(/expected a date like/);
    });

    it('a day the month does not have', () => {
      const error = parseError(record('February 30, 2023', 't', '"s"'));
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/not a calendar date: February 2023 has no day 30/);
    });

    it('a blank title line', () => {
      const error = parseError(`${record('May 12, 2024', 'ok', '"s"')}\nApril 29, 2024\n\n"s"`);
      expect(error.line).toBe(5);
      expect(error.message).toMatch(/expected the post title after the date on line 4, found a blank line/);
    });

    it('a summary that is not a valid JSON string', () => {
      const error = parseError(record('May 12, 2024', 't', '"unterminated'));
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/expected the summary as a JSON string literal .*not valid JSON/);
    });

    it('a summary that is JSON but not a string', () => {
      const error = parseError(record('May 12, 2024', 't', '42'));
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/found JSON of another type: "42"/);
    });

    it('a record whose title is missing, so the next date lands on the summary line', () => {
      const text = ['May 12, 2024', '"summary of the first post"', 'April 29, 2024', 'second', '"s"'].join('\n');
      const error = parseError(text);
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/looks like a date line: is the title of the record above missing\?/);
    });

    it('a record cut off after its date', () => {
      const error = parseError(`${record('May 12, 2024', 't', '"s"')}\nApril 29, 2024\n\n`);
      expect(error.line).toBe(4);
      expect(error.message).toMatch(/the record ends after its date; expected a title line and then the summary/);
    });

    it('a record cut off after its title', () => {
      const error = parseError('May 12, 2024\ntitle\n');
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/the record ends after its title; expected the summary/);
    });

    it('a last record without a title', () => {
      const error = parseError('May 12, 2024\n"only the summary"');
      expect(error.message).toMatch(/the title line looks like a JSON string: is the title missing\?/);
    });
  });
});
