import { renderMarkdown, type Heading, type RenderOptions } from './markdown.js';
import { searchDocument } from './search-text.js';
import { collapseWhitespace, countWords, excerpt, plainText, readingMinutes, wordCount } from './text.js';

/** Bump whenever rendering or derivation changes, so stored posts get derived again. */
export const RENDER_VERSION = 4;

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

/**
 * Everything a post stores besides its source: the HTML, its outline, text metrics and search vector.
 * The options (media store images, link policy) are part of the render: the HTML is kept as rendered.
 */
export function derivePostContent({ title, markdown, summary }: PostSource, options: RenderOptions = {}): DerivedPostContent {
  const { html, headings } = renderMarkdown(markdown, options);
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
