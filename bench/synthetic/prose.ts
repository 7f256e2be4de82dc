// What a post says, sentence by sentence, in one of its two languages. The Markdown layout
// (sections, lists, code) is body.ts's business; this module and its subclasses only make text.
import type { Random } from './random.js';

/** The words whose frequencies search benchmarks rely on (post.ts sets the rates). */
export type SearchWord = 'kubernetes' | '闭包';

export interface Title {
  title: string;
  /** ASCII words for the slug, which Chinese titles take from their terms' glosses. */
  slugWords: string[];
}

export interface ParagraphOptions {
  /** Sentences to put among the others, such as mentions of search words. */
  extra?: readonly string[];
  /** Whether the paragraph has inline code, and a link; by default now and then. */
  code?: boolean;
  link?: boolean;
}

/** Technical-blog prose in one language, able to mention the search words `W`. */
export abstract class Prose<W extends SearchWord> {
  constructor(protected readonly random: Random) {}

  abstract title(mention: W | null): Title;
  abstract heading(level: 2 | 3): string;
  abstract sentence(): string;
  /** A sentence that names the search word. */
  abstract mention(word: W): string;
  abstract listItem(): string;
  protected abstract inlineCodeSentence(code: string): string;
  protected abstract linkSentence(url: string): string;
  /** What joins sentences in a paragraph: a space in English, nothing in Chinese. */
  protected abstract readonly sentenceGap: string;

  /** A few sentences, and the `extra` ones somewhere among them. */
  paragraph({ extra = [], code = this.random.chance(0.3), link = this.random.chance(0.2) }: ParagraphOptions = {}): string {
    const sentences = Array.from({ length: this.random.int(2, 5) }, () => this.sentence());
    if (code) sentences.push(this.inlineCodeSentence(this.inlineCode()));
    if (link) sentences.push(this.linkSentence(this.linkUrl()));
    for (const sentence of extra) sentences.splice(this.random.int(0, sentences.length), 0, sentence);
    return sentences.join(this.sentenceGap);
  }

  /** An author's summary: a sentence or two. */
  summary(): string {
    return Array.from({ length: this.random.int(1, 2) }, () => this.sentence()).join(this.sentenceGap);
  }

  private inlineCode(): string {
    const name = `${this.random.pick(CODE_WORDS)}_${this.random.pick(CODE_WORDS)}`;
    return this.random.pick([`\`${name}()\``, `\`--${name.replace('_', '-')}\``, `\`${name}.len()\``, `\`${name}\``]);
  }

  private linkUrl(): string {
    return `https://${this.random.pick(LINK_HOSTS)}/${this.random.pick(CODE_WORDS)}/${this.random.pick(CODE_WORDS)}`;
  }
}

const CODE_WORDS = ['cache', 'queue', 'buffer', 'state', 'task', 'config', 'index', 'token', 'node', 'peer'];
const LINK_HOSTS = ['docs.example.org', 'blog.example.com', 'wiki.example.net', 'github.com/example', 'notes.example.dev'];
