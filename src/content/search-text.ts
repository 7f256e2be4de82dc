import { textRuns, type TextRun } from './text.js';

// PostgreSQL's text search parsers do not segment Chinese or Japanese, so the application
// builds both the tsvector and the tsquery from one tokenizer: words of spaced scripts are
// lexemes as they are, and a CJK run becomes overlapping bigrams plus its last character,
// so every CJK character begins some lexeme and any sequence can be found as a phrase.

export const SEARCH_LIMITS = Object.freeze({
  /** Characters of a post's body that are indexed; the title is always indexed. */
  indexedCharacters: 100_000,
  maxQueryTerms: 20,
  maxQueryLength: 200,
});

// PostgreSQL caps positions at 16383 and keeps at most 256 of them per lexeme.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;
// A tsvector may not exceed 1 MB. 100,000 characters of random CJK text would make about as
// many distinct bigrams (over 1 MB), so indexing stops once the vector reaches 256 KiB.
const MAX_VECTOR_BYTES = 256 * 1024;
// Longer "words" are hashes or base64, not search terms (PostgreSQL refuses lexemes over 2 kB).
const MAX_WORD_LENGTH = 100;

type Weight = 'A' | 'D';

/**
 * The tsvector (as text, for `$1::tsvector`) of a post: title lexemes weighted A, then the
 * body's first `SEARCH_LIMITS.indexedCharacters` characters with the default weight D.
 */
export function searchDocument(title: string, body: string): string {
  const vector = new SearchVector();
  vector.add(title, 'A');
  vector.add(leadingCharacters(body, SEARCH_LIMITS.indexedCharacters), 'D');
  return vector.toString();
}

/**
 * The tsquery (as text, for `$1::tsquery`) that finds posts with every word of `input`,
 * or null when `input` has nothing to search for. A single CJK character matches as a
 * prefix (it starts a bigram or is a run's last character); longer CJK runs match as phrases.
 */
export function searchQuery(input: string): string | null {
  const terms = new Set<string>();
  for (const run of searchRuns(leadingCharacters(input, SEARCH_LIMITS.maxQueryLength))) {
    if (terms.size === SEARCH_LIMITS.maxQueryTerms) break;
    terms.add(run.cjk ? cjkQueryTerm(run.text) : quoteLexeme(run.text));
  }
  return terms.size === 0 ? null : [...terms].join(' & ');
}

/** Quotes a lexeme for tsvector and tsquery input. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

interface Occurrence {
  position: number;
  weight: Weight;
}

class SearchVector {
  readonly #occurrences = new Map<string, Occurrence[]>();
  #lastPosition = 0;
  #bytes = 0;
  #full = false;

  add(text: string, weight: Weight): void {
    for (const run of searchRuns(text)) {
      for (const lexeme of runLexemes(run)) {
        if (this.#full) return;
        this.#record(lexeme, { position: Math.min(++this.#lastPosition, MAX_POSITION), weight });
      }
    }
  }

  toString(): string {
    return [...this.#occurrences]
      .map(([lexeme, occurrences]) => `${quoteLexeme(lexeme)}:${occurrences.map(formatOccurrence).join(',')}`)
      .join(' ');
  }

  #record(lexeme: string, occurrence: Occurrence): void {
    const occurrences = this.#occurrences.get(lexeme);
    if (occurrences) {
      // Past MAX_POSITION every lexeme sits at the same position.
      const known = occurrences.at(-1)?.position === occurrence.position;
      if (known || occurrences.length === MAX_POSITIONS_PER_LEXEME) return;
    }
    const bytes = 2 + (occurrences ? 0 : storedLexemeBytes(lexeme));
    if (this.#bytes + bytes > MAX_VECTOR_BYTES) {
      this.#full = true;
      return;
    }
    this.#bytes += bytes;
    if (occurrences) occurrences.push(occurrence);
    else this.#occurrences.set(lexeme, [occurrence]);
  }
}

// D is PostgreSQL's default weight, written without a letter.
function formatOccurrence({ position, weight }: Occurrence): string {
  return weight === 'D' ? `${position}` : `${position}${weight}`;
}

// PostgreSQL stores a 4-byte entry, the UTF-8 text, an alignment byte and a position count.
function storedLexemeBytes(lexeme: string): number {
  return 4 + Buffer.byteLength(lexeme) + 1 + 2;
}

function* searchRuns(text: string): Generator<TextRun> {
  // NFKC folds full-width letters and digits to ASCII and half-width kana to full width.
  const normalized = text.normalize('NFKC').toLowerCase().replaceAll('’', "'");
  for (const run of textRuns(normalized)) {
    if (run.cjk || run.text.length <= MAX_WORD_LENGTH) yield run;
  }
}

function runLexemes(run: TextRun): string[] {
  return run.cjk ? [...cjkBigrams(run.text), [...run.text].at(-1)!] : [run.text];
}

function cjkQueryTerm(run: string): string {
  const bigrams = cjkBigrams(run).map(quoteLexeme);
  if (bigrams.length === 0) return `${quoteLexeme(run)}:*`;
  return bigrams.length === 1 ? bigrams[0]! : `(${bigrams.join(' <-> ')})`;
}

function cjkBigrams(run: string): string[] {
  const characters = [...run];
  return characters.slice(1).map((character, i) => characters[i] + character);
}

function leadingCharacters(text: string, count: number): string {
  if (text.length <= count) return text;
  let end = 0;
  let taken = 0;
  for (const character of text) {
    if (taken === count) break;
    taken++;
    end += character.length;
  }
  return text.slice(0, end);
}
