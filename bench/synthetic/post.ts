// One synthetic post, everything about it drawn from its own random stream: post i is the
// same whichever worker writes it and whatever was written before it.
import { markdownBody } from './body.js';
import { ChineseProse } from './chinese-prose.js';
import { EnglishProse } from './english-prose.js';
import type { Prose, SearchWord } from './prose.js';
import { mixSeed, Random } from './random.js';
import type { TagPicker } from './tags.js';

export interface SyntheticPost {
  id: number;
  slug: string;
  title: string;
  summary: string | null;
  markdown: string;
  publishedAt: Date;
  tagIds: number[];
  topic: BodyTopic;
}

/** What a post's body is about: its language and the search words it mentions. */
export interface BodyTopic {
  chinese: boolean;
  mentions: SearchWord[];
}

const CHINESE_SHARE = 1 / 3;
const SUMMARY_SHARE = 0.3;
// A post that mentions a search word names it in its title too with this chance.
const MENTION_IN_TITLE_SHARE = 0.3;

interface Language<W extends SearchWord> {
  prose(random: Random): Prose<W>;
  /** The share of this language's posts that mention each search word. */
  mentionRates: Record<W, number>;
}

// Search targets, with a third of posts Chinese:
//   kubernetes: 2% of all posts, in either language (~2,000 of 100,000);
//   闭包: 6% of Chinese posts, so 2% of all posts (~2,000 of 100,000).
// No other text contains either word (see vocabulary.ts), so a search finds exactly these.
const CHINESE: Language<SearchWord> = {
  prose: (random) => new ChineseProse(random),
  mentionRates: { kubernetes: 0.02, 闭包: 0.06 },
};
const ENGLISH: Language<'kubernetes'> = {
  prose: (random) => new EnglishProse(random),
  mentionRates: { kubernetes: 0.02 },
};

const POST_STREAM = 0x9057;

/** Post `index` (0-based; its id is index + 1) of the dataset made with `seed`. */
export function syntheticPost(seed: number, index: number, publishedAt: Date, tags: TagPicker): SyntheticPost {
  const random = new Random(mixSeed(seed, POST_STREAM, index));
  const chinese = random.chance(CHINESE_SHARE);
  // English has fewer search words than Chinese: Object.keys below finds only its own.
  const language = (chinese ? CHINESE : ENGLISH) as Language<SearchWord>;
  const prose = language.prose(random);
  const mentions = (Object.keys(language.mentionRates) as SearchWord[]).filter((word) => random.chance(language.mentionRates[word]));
  const headline = writeHeadline(random, prose, mentions);
  const markdown = markdownBody(random, prose, mentions);
  return assemble(index, publishedAt, headline, { markdown, topic: { chinese, mentions } }, tags.pick(random));
}

/**
 * Post `index` around the body of another post: its own title, summary and tags, drawn from its
 * own stream, with a title that names a search word only when the body mentions it, so that
 * search still finds a post exactly where it says the word.
 */
export function postAroundBody(seed: number, index: number, publishedAt: Date, tags: TagPicker, body: PostBody): SyntheticPost {
  const random = new Random(mixSeed(seed, POST_STREAM, index));
  const prose = (body.topic.chinese ? CHINESE : ENGLISH).prose(random);
  const headline = writeHeadline(random, prose, body.topic.mentions);
  return assemble(index, publishedAt, headline, body, tags.pick(random));
}

export type PostBody = Pick<SyntheticPost, 'markdown' | 'topic'>;

interface Headline {
  title: string;
  slugWords: string[];
  summary: string | null;
}

function writeHeadline(random: Random, prose: Prose<SearchWord>, mentions: readonly SearchWord[]): Headline {
  const titleMention = mentions[0] !== undefined && random.chance(MENTION_IN_TITLE_SHARE) ? mentions[0] : null;
  const { title, slugWords } = prose.title(titleMention);
  const summary = random.chance(SUMMARY_SHARE) ? prose.summary() : null;
  return { title, slugWords, summary };
}

function assemble(index: number, publishedAt: Date, { title, slugWords: words, summary }: Headline, body: PostBody, tagIds: number[]): SyntheticPost {
  const id = index + 1;
  return { id, slug: `post-${String(id).padStart(6, '0')}-${slugWords(words)}`, title, summary, ...body, publishedAt, tagIds };
}

function slugWords(words: string[]): string {
  return words
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
