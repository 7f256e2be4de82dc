import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLexeme, SEARCH_LIMITS, searchDocument, searchQuery } from '../../src/content/search-text.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Reads a tsvector literal back into lexeme → positions ("3A", "17"). */
function parseVector(vector: string): Map<string, string[]> {
  const lexemes = new Map<string, string[]>();
  for (const [, quoted, positions] of vector.matchAll(/'((?:[^'\\]|''|\\\\)*)':([0-9A-D,]+)/g)) {
    lexemes.set(quoted!.replaceAll("''", "'").replaceAll('\\\\', '\\'), positions!.split(','));
  }
  return lexemes;
}

function bodyLexemes(body: string): Map<string, string[]> {
  return parseVector(searchDocument('', body));
}

describe('searchDocument', () => {
  it('weights title positions A and body positions D (written without a letter)', () => {
    expect(searchDocument('Hello world', 'hello again')).toBe("'hello':1A,3 'world':2A 'again':4");
  });

  it('normalises full-width characters and case', () => {
    expect(searchDocument('', 'ＲＵＳＴ Rust rust')).toBe("'rust':1,2,3");
  });

  it('splits words at punctuation and keeps inner apostrophes and hyphens', () => {
    expect([...bodyLexemes("Don’t re-run e2e-tests: C++, foo_bar.baz").keys()]).toEqual([
      "don't", 're-run', 'e2e-tests', 'c', 'foo', 'bar', 'baz',
    ]);
  });

  it('quotes apostrophes in lexemes', () => {
    expect(searchDocument('', "don't")).toBe("'don''t':1");
  });

  it('indexes a CJK run as overlapping bigrams plus its last character', () => {
    expect(searchDocument('', '理解闭包')).toBe("'理解':1 '解闭':2 '闭包':3 '包':4");
    expect(searchDocument('', '闭包')).toBe("'闭包':1 '包':2");
    expect(searchDocument('', '闭')).toBe("'闭':1");
  });

  it('starts some lexeme with every CJK character of the text', () => {
    const text = '理解Rust中的闭包。日本語とカタカナ';
    const starts = new Set([...bodyLexemes(text).keys()].map((lexeme) => [...lexeme][0]));
    for (const character of text.replace(/[A-Za-z。]/g, '')) expect(starts).toContain(character);
  });

  it('counts positions on from the title into the body', () => {
    expect(searchDocument('理解Rust中的闭包', 'Rust 的闭包')).toBe(
      "'理解':1A '解':2A 'rust':3A,8 '中的':4A '的闭':5A,9 '闭包':6A,10 '包':7A,11",
    );
  });

  it('caps positions at 16383 without repeating a capped position', () => {
    const lexemes = bodyLexemes(`${'w '.repeat(16_400)}late late`);
    expect(lexemes.get('late')).toEqual(['16383']);
  });

  it('keeps at most 256 positions per lexeme', () => {
    expect(bodyLexemes('again '.repeat(1000)).get('again')).toHaveLength(256);
  });

  it(`indexes only the first ${SEARCH_LIMITS.indexedCharacters} characters of the body`, () => {
    const filler = 'x'.repeat(SEARCH_LIMITS.indexedCharacters - 6);
    const lexemes = bodyLexemes(`${filler} early late`);
    expect(lexemes.has('early')).toBe(true);
    expect(lexemes.has('late')).toBe(false);
  });

  it('leaves out words longer than 100 characters', () => {
    expect(searchDocument('', `${'a'.repeat(101)} ${'b'.repeat(100)}`)).toBe(`'${'b'.repeat(100)}':1`);
    expect(searchQuery(`${'a'.repeat(101)}`)).toBeNull();
  });

  it('stays far below PostgreSQL’s 1 MB limit for 1 MB of random CJK text', () => {
    let seed = 1;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const text = Array.from({ length: 1_000_000 }, () => String.fromCodePoint(0x4e00 + Math.floor(random() * 20_000))).join('');
    const vector = searchDocument('title', text);
    expect(Buffer.byteLength(vector)).toBeLessThan(300 * 1024);
    expect(parseVector(vector).size).toBeGreaterThan(10_000);
  });

  it('is empty for text without words', () => {
    expect(searchDocument('', '!!! ... ---')).toBe('');
  });
});

describe('quoteLexeme', () => {
  it('doubles quotes and escapes backslashes', () => {
    expect(quoteLexeme("it's")).toBe("'it''s'");
    expect(quoteLexeme('a\\b')).toBe("'a\\\\b'");
  });
});

describe('searchQuery', () => {
  it('matches a Latin word exactly, in lower case', () => {
    expect(searchQuery('RUST')).toBe("'rust'");
    expect(searchQuery('ＲＵＳＴ')).toBe("'rust'");
  });

  it('matches a single CJK character as a prefix', () => {
    expect(searchQuery('闭')).toBe("'闭':*");
  });

  it('matches two CJK characters as their bigram', () => {
    expect(searchQuery('闭包')).toBe("'闭包'");
  });

  it('matches longer CJK runs as a phrase of bigrams', () => {
    expect(searchQuery('理解闭包')).toBe("('理解' <-> '解闭' <-> '闭包')");
  });

  it('ANDs words and runs', () => {
    expect(searchQuery('rust 闭包')).toBe("'rust' & '闭包'");
    expect(searchQuery('闭包x')).toBe("'闭包' & 'x'");
    expect(searchQuery("don't  panic")).toBe("'don''t' & 'panic'");
  });

  it('drops repeated terms', () => {
    expect(searchQuery('rust Rust RUST')).toBe("'rust'");
  });

  it('returns null when there is nothing to search for', () => {
    expect(searchQuery('')).toBeNull();
    expect(searchQuery('   ')).toBeNull();
    expect(searchQuery('!!! ... -- ？')).toBeNull();
  });

  it(`keeps at most ${SEARCH_LIMITS.maxQueryTerms} terms`, () => {
    const words = Array.from({ length: 30 }, (_, i) => `w${i}`);
    const query = searchQuery(words.join(' '))!;
    expect(query.split(' & ')).toEqual(words.slice(0, SEARCH_LIMITS.maxQueryTerms).map((word) => `'${word}'`));
  });

  it(`reads at most ${SEARCH_LIMITS.maxQueryLength} characters`, () => {
    const input = `${'a'.repeat(99)} ${'b'.repeat(98)} cd`; // 'c' is the 200th character
    expect(searchQuery(input)).toBe(`'${'a'.repeat(99)}' & '${'b'.repeat(98)}' & 'c'`);
  });
});

// Checks the literals against PostgreSQL itself.
describe('search text in PostgreSQL', () => {
  let database: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function matches(title: string, body: string, input: string): Promise<boolean> {
    const result = await client.query<{ matches: boolean }>('SELECT $1::tsvector @@ $2::tsquery AS matches', [
      searchDocument(title, body),
      searchQuery(input),
    ]);
    return result.rows[0]!.matches;
  }

  it.each([['闭包'], ['闭'], ['包'], ['rust 闭包'], ['RUST'], ['理解'], ['中的闭包'], ['的闭']])(
    'finds 理解Rust中的闭包 with %s',
    async (input) => {
      expect(await matches('理解Rust中的闭包', '', input)).toBe(true);
    },
  );

  it.each([['闭包x'], ['包闭'], ['解闭'], ['理解闭包'], ['rusty']])('does not find 理解Rust中的闭包 with %s', async (input) => {
    expect(await matches('理解Rust中的闭包', '', input)).toBe(false);
  });

  it('accepts quotes and backslashes, and searches the body too', async () => {
    expect(await matches("It's", "don't stop", "don't")).toBe(true);
    const result = await client.query<{ vector: string }>("SELECT $1::tsvector::text AS vector", [`${quoteLexeme('a\\b')}:1`]);
    expect(result.rows[0]!.vector).toBe("'a\\\\b':1");
  });

  it('accepts the vector of 1 MB of random CJK text', async () => {
    const text = Array.from({ length: 1_000_000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join('');
    const result = await client.query<{ lexemes: number }>('SELECT length($1::tsvector) AS lexemes', [searchDocument('', text)]);
    expect(result.rows[0]!.lexemes).toBeGreaterThan(10_000);
  });
});
