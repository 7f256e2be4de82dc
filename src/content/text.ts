import { decodeHTMLStrict } from 'entities';
import type { MarkedToken, Token } from 'marked';
import { lexMarkdown } from './markdown.js';
import { htmlText } from './sanitize.js';

export interface WordCounts {
  cjk: number;
  other: number;
}

export interface PlainTextOptions {
  /** Keep the text of fenced and indented code blocks (inline code is always kept). */
  includeCode?: boolean;
}

export interface TextRun {
  text: string;
  /** A run of CJK characters, each of them a word; otherwise a single word. */
  cjk: boolean;
}

// CJK: Han (with its extensions), kana and Hangul syllables. These scripts do not space
// their words, so each character counts as a word. The prolonged sound mark ー belongs to
// both kana, so it is listed by itself.
const CJK_CHARACTER = String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30FC\uFF70\uAC00-\uD7A3]`;
// A letter or digit outside CJK, with the combining marks that belong to it.
const LETTER = String.raw`(?:(?!${CJK_CHARACTER})[\p{L}\p{N}]\p{M}*)`;
// Letters joined by an inner apostrophe or hyphen stay one word: don't, e2e-test.
const WORD = String.raw`${LETTER}+(?:['’-]${LETTER}+)*`;
const RUN = new RegExp(String.raw`(${CJK_CHARACTER}+)|${WORD}`, 'gu');
const ENDS_IN_LETTER = new RegExp(`${LETTER}$`, 'u');
const STARTS_WITH_LETTER = new RegExp(`^${LETTER}`, 'u');

const ELLIPSIS = '…';
// A cut inside a word moves back to a space among the last 30 characters, if there is one.
const SPACE_NEAR_END = /\s\S{0,29}$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The prose of a markdown document: no markup, raw HTML tags dropped, entities decoded,
 * whitespace collapsed to single spaces. Image alt text is left out.
 */
export function plainText(markdown: string, options: PlainTextOptions = {}): string {
  return collapseWhitespace(blocksText(lexMarkdown(markdown), options.includeCode ?? false));
}

/**
 * Shortens plain text to at most `maxLength` characters (code points), ending in "…" when
 * cut. Never splits a grapheme cluster, and avoids splitting a word.
 */
export function excerpt(text: string, maxLength = 200): string {
  if (!longerThan(text, maxLength)) return text;
  const cut = text.slice(0, graphemeBoundaryWithin(text, maxLength - ELLIPSIS.length));
  const kept = cutsWord(text, cut.length) ? backToSpace(cut) : cut;
  return kept.replace(/[\s\p{P}]+$/u, '') + ELLIPSIS;
}

/** Counts words, with each CJK character as one word (those scripts do not space words). */
export function countWords(text: string): WordCounts {
  const counts: WordCounts = { cjk: 0, other: 0 };
  for (const run of textRuns(text)) {
    if (run.cjk) counts.cjk += codePointLength(run.text);
    else counts.other += 1;
  }
  return counts;
}

export function wordCount(counts: WordCounts): number {
  return counts.cjk + counts.other;
}

/** Minutes at 500 CJK characters or 230 other words a minute; at least one. */
export function readingMinutes(counts: WordCounts): number {
  // ceil(cjk / 500 + other / 230) in integers, so exact multiples do not round up.
  const minutes = Math.ceil((counts.cjk * 230 + counts.other * 500) / (500 * 230));
  return Math.max(1, minutes);
}

/** Splits text into CJK runs and the words between them, in order; the rest is skipped. */
export function* textRuns(text: string): Generator<TextRun> {
  for (const match of text.matchAll(RUN)) {
    yield { text: match[0], cjk: match[1] !== undefined };
  }
}

function blocksText(tokens: Token[], includeCode: boolean): string {
  // Without extensions the lexer only makes marked's own tokens.
  return (tokens as MarkedToken[]).map((token) => blockText(token, includeCode)).join(' ');
}

function blockText(token: MarkedToken, includeCode: boolean): string {
  switch (token.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(token.tokens);
    case 'text':
      return spanText(token);
    case 'code':
      return includeCode ? token.text : '';
    case 'html':
      return htmlText(token.text);
    case 'blockquote':
      return blocksText(token.tokens, includeCode);
    case 'list':
      return token.items.map((item) => blocksText(item.tokens, includeCode)).join(' ');
    case 'table':
      return [token.header, ...token.rows].flat().map((cell) => inlineText(cell.tokens)).join(' ');
    default:
      return '';
  }
}

function inlineText(tokens: Token[]): string {
  return (tokens as MarkedToken[]).map(spanText).join('');
}

function spanText(token: MarkedToken): string {
  switch (token.type) {
    case 'text':
      // marked decodes numeric character references but leaves named ones (&copy;).
      return token.tokens ? inlineText(token.tokens) : decodeHTMLStrict(token.text);
    case 'escape':
    case 'codespan':
      return token.text;
    case 'strong':
    case 'em':
    case 'del':
    case 'link':
      return inlineText(token.tokens);
    case 'br':
      return ' ';
    case 'html':
      return /^<br\b/i.test(token.text) ? ' ' : '';
    default:
      // Images (alt text is not prose), task list checkboxes.
      return '';
  }
}

/** Runs of whitespace, line breaks included, become single spaces; the ends are trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

function longerThan(text: string, maxLength: number): boolean {
  // Cheap for long texts: stops counting at the limit.
  if (text.length <= maxLength) return false;
  let length = 0;
  for (const _ of text) if (++length > maxLength) return true;
  return false;
}

/** The end (a string index) of the longest run of whole graphemes with at most `budget` code points. */
function graphemeBoundaryWithin(text: string, budget: number): number {
  let end = 0;
  let used = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    used += codePointLength(segment);
    if (used > budget) break;
    end = index + segment.length;
  }
  return end;
}

function cutsWord(text: string, at: number): boolean {
  return ENDS_IN_LETTER.test(text.slice(0, at)) && STARTS_WITH_LETTER.test(text.slice(at));
}

function backToSpace(cut: string): string {
  const space = cut.search(SPACE_NEAR_END);
  return space === -1 ? cut : cut.slice(0, space);
}
