// A post's Markdown: an introduction, then sections with h2/h3 headings, paragraphs, lists,
// and 1-3 fenced code blocks among them, grown block by block to a target size. Every post
// has each kind of block, links and inline code too: the first section always holds them all.
import { codeBlock } from './code-blocks.js';
import type { Prose, SearchWord } from './prose.js';
import type { Random } from './random.js';

/** The largest body in UTF-8 bytes. The smallest is about 1.2 KB (see TARGET_RANGE). */
export const MAX_BODY_BYTES = 8000;

// Log-normal sizes (median 3 KB) like a real blog's: many short posts, a long tail. Targets
// outside these bounds are drawn again; the bounds leave room for the last block to overshoot.
const TARGET_MEDIAN = 3000;
const TARGET_SIGMA = 0.5;
const TARGET_RANGE = [1200, 7400] as const;

// A paragraph after the introduction mentions a search word again with this chance.
const REPEAT_MENTION_CHANCE = 0.15;

interface Block {
  markdown: string;
  heading: boolean;
  /** Part of the first section, which every post has whatever its size. */
  required: boolean;
}

/** The Markdown of a post that mentions each of `mentions` at least once (in its introduction). */
export function markdownBody<W extends SearchWord>(random: Random, prose: Prose<W>, mentions: readonly W[]): string {
  const target = targetBytes(random);
  const code = Array.from({ length: random.int(1, 3) }, () => codeBlock(random));
  const codeBytes = code.reduce((sum, block) => sum + blockBytes(block), 0);

  const blocks: Block[] = [];
  let bytes = codeBytes;
  for (const block of proseBlocks(random, prose, mentions)) {
    const size = blockBytes(block.markdown);
    if (!block.required && (bytes >= target || bytes + size > MAX_BODY_BYTES)) break;
    blocks.push(block);
    bytes += size;
  }
  while (blocks.at(-1)?.heading) blocks.pop();
  return withCodeBlocks(blocks, code).join('\n\n') + '\n';
}

function targetBytes(random: Random): number {
  for (;;) {
    const bytes = Math.round(TARGET_MEDIAN * Math.exp(TARGET_SIGMA * random.normal()));
    if (bytes >= TARGET_RANGE[0] && bytes <= TARGET_RANGE[1]) return bytes;
  }
}

function* proseBlocks<W extends SearchWord>(random: Random, prose: Prose<W>, mentions: readonly W[]): Generator<Block> {
  const mentionsOf = (words: readonly W[]) => words.map((word) => prose.mention(word));
  const list = () => Array.from({ length: random.int(3, 5) }, () => prose.listItem()).join('\n');

  yield { markdown: prose.paragraph({ extra: mentionsOf(mentions), code: true }), heading: false, required: true };
  yield { markdown: prose.heading(2), heading: true, required: true };
  yield { markdown: prose.paragraph({ link: true }), heading: false, required: true };
  yield { markdown: list(), heading: false, required: true };
  yield { markdown: prose.heading(3), heading: true, required: true };
  yield { markdown: prose.paragraph(), heading: false, required: true };

  const text = (markdown: string): Block => ({ markdown, heading: false, required: false });
  const heading = (markdown: string): Block => ({ markdown, heading: true, required: false });
  const paragraph = () => text(prose.paragraph({ extra: mentionsOf(mentions.filter(() => random.chance(REPEAT_MENTION_CHANCE))) }));
  for (;;) {
    yield heading(prose.heading(2));
    yield paragraph();
    if (random.chance(0.5)) yield paragraph();
    if (random.chance(0.4)) yield text(list());
    if (random.chance(0.35)) {
      yield heading(prose.heading(3));
      yield paragraph();
    }
  }
}

/** The blocks with the code blocks spread evenly among them, never straight after a heading. */
function withCodeBlocks(blocks: Block[], code: string[]): string[] {
  // Never empty: the introduction is always there.
  const anchors = blocks.flatMap((block, index) => (block.heading ? [] : [index]));
  const codeAfter = new Map<number, string[]>();
  code.forEach((block, i) => {
    const anchor = anchors[Math.floor(((i + 1) * anchors.length) / (code.length + 1))]!;
    codeAfter.set(anchor, [...(codeAfter.get(anchor) ?? []), block]);
  });
  return blocks.flatMap((block, index) => [block.markdown, ...(codeAfter.get(index) ?? [])]);
}

// Blocks are joined by a blank line.
function blockBytes(markdown: string): number {
  return Buffer.byteLength(markdown) + 2;
}
