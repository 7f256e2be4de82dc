// Rendering Markdown is most of the cost of a post (about 1.5 ms of 2 on these machines), so a
// large dataset renders a fixed number of distinct bodies and lends them round: post i has the
// body of post i % distinct, with a title, summary and tags of its own. Search keeps realistic
// selectivity: each body keeps its mentions, so a search word stays in ~2% of posts, and titles
// and summaries stay distinct. A dataset no larger than `distinct` has every body its own.
import { RENDER_VERSION } from '../../src/content/derive.js';
import { renderMarkdown, type Heading } from '../../src/content/markdown.js';
import { searchDocument } from '../../src/content/search-text.js';
import { collapseWhitespace, countWords, excerpt, plainText, readingMinutes, wordCount } from '../../src/content/text.js';
import { postAroundBody, syntheticPost, type PostBody, type SyntheticPost } from './post.js';
import type { TagPicker } from './tags.js';

/** How many posts of a dataset have bodies of their own. */
export const DISTINCT_BODIES = 100_000;

/** What Folio derives from a body alone, whatever the title and summary around it. */
export interface RenderedBody extends PostBody {
  html: string;
  headings: Heading[];
  /** The excerpt of a post without a summary. */
  bodyExcerpt: string;
  wordCount: number;
  readingMinutes: number;
  /** The body's text as search indexes it, code included. */
  searchText: string;
}

/** A post with the columns Folio derives from it, as src/content/derive.ts derives them. */
export interface DerivedPost {
  post: SyntheticPost;
  body: RenderedBody;
  excerpt: string;
  searchDocument: string;
  renderVersion: number;
}

export class BodyPool {
  // Bodies that later posts borrow, kept by the worker that rendered them (post-batches.ts sends
  // a body's every borrower to the worker that rendered it).
  readonly #kept = new Map<number, RenderedBody>();

  constructor(
    private readonly seed: number,
    private readonly tags: TagPicker,
    private readonly distinct: number,
    /** The dataset's size: bodies are kept only when later posts will borrow them. */
    private readonly posts: number,
  ) {}

  post(index: number, publishedAt: Date): DerivedPost {
    const lender = index % this.distinct;
    if (lender === index) {
      const post = syntheticPost(this.seed, index, publishedAt, this.tags);
      const body = renderBody(post);
      if (this.posts > this.distinct) this.#kept.set(index, body);
      return derive(post, body);
    }
    const body = this.#kept.get(lender) ?? this.#render(lender);
    return derive(postAroundBody(this.seed, index, publishedAt, this.tags, body), body);
  }

  // Only when a body's lender went to another worker, which is slower but gives the same rows.
  #render(lender: number): RenderedBody {
    const body = renderBody(syntheticPost(this.seed, lender, new Date(0), this.tags));
    this.#kept.set(lender, body);
    return body;
  }
}

// The same steps as derivePostContent, split where the title and summary come in.
function renderBody({ markdown, topic }: PostBody): RenderedBody {
  const { html, headings } = renderMarkdown(markdown);
  const prose = plainText(markdown);
  const counts = countWords(prose);
  return {
    markdown,
    topic,
    html,
    headings,
    bodyExcerpt: excerpt(prose),
    wordCount: wordCount(counts),
    readingMinutes: readingMinutes(counts),
    searchText: plainText(markdown, { includeCode: true }),
  };
}

function derive(post: SyntheticPost, body: RenderedBody): DerivedPost {
  const summary = post.summary?.trim() ?? '';
  return {
    post,
    body,
    excerpt: summary ? excerpt(collapseWhitespace(summary)) : body.bodyExcerpt,
    searchDocument: searchDocument(post.title, [body.searchText, summary].join(' ')),
    renderVersion: RENDER_VERSION,
  };
}
