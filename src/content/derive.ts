import { renderMarkdown, type Heading } from './markdown.js';
import { searchDocument } from './search-text.js';
import { collapseWhitespace, countWords, excerpt, plainText, readingMinutes, wordCount } from './text.js';

/** Bump whenever rendering or derivation changes, so stored posts get derived again. */
export const RENDER_VERSION = 2;

export interface PostSource {
  title: string;
  markdown: string;
  summary: string | null;
}

export interface DerivedPostContent {
  html: string;
  headings: Heading[];
  excerpt: string;
  wordCount: number;
  readingMinutes: number;
  searchDocument: string;
  renderVersion: number;
}

/** Everything a post stores besides its source: the HTML, its outline, text metrics and search vector. */
export function derivePostContent({ title, markdown, summary }: PostSource): DerivedPostContent {
  const { html, headings } = renderMarkdown(markdown);
  const prose = plainText(markdown);
  const counts = countWords(prose);
  const givenSummary = summary?.trim() ?? '';
  const searchBody = [plainText(markdown, { includeCode: true }), givenSummary].join(' ');
  return {
    html,
    headings,
    // The author's summary is kept as written (export gives it back); what readers get is cut
    // by the same rule as a derived excerpt, so no excerpt is longer than the API promises.
    excerpt: excerpt(givenSummary ? collapseWhitespace(givenSummary) : prose),
    wordCount: wordCount(counts),
    readingMinutes: readingMinutes(counts),
    searchDocument: searchDocument(title, searchBody),
    renderVersion: RENDER_VERSION,
  };
}
