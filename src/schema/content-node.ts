import DataLoader from 'dataloader';
import type { Heading } from '../content/markdown.js';
import { formerSlugsOf } from '../db/queries/lookups.js';
import type { PostRow } from '../db/queries/rows.js';
import { builder } from './builder.js';
import { BODY_FIELD_COST } from './cost.js';
import { perRequest } from './per-request.js';
import { PostStatusEnum } from './post-filter.js';
import { Seo, seoOf } from './seo.js';
import { siteOf } from './site.js';

export const HeadingType = builder.objectRef<Heading>('Heading').implement({
  description: 'A heading of the post body, for a table of contents.',
  fields: (t) => ({
    level: t.exposeInt('level', { description: '1-6, as in h1-h6.' }),
    text: t.exposeString('text'),
    anchor: t.exposeString('anchor', { description: 'The id of the heading in `html`.' }),
  }),
});

export const ContentKindEnum = builder.enumType('ContentKind', {
  description: 'What a ContentNode is: a POST (listed, dated, tagged) or a PAGE (standalone: About, Now, Uses).',
  values: ['POST', 'PAGE'] as const,
});

// A post's former slugs, for every post of an answer in one statement.
const formerSlugs = perRequest(
  (context) =>
    new DataLoader<number, string[]>(async (ids) => {
      const found = new Map<number, string[]>(ids.map((id) => [id, []]));
      for (const { postId, slug } of await formerSlugsOf(context.db, ids)) found.get(postId)!.push(slug);
      return ids.map((id) => found.get(id)!);
    }),
);

/**
 * What posts and pages share: both are rows of `posts` (db/queries/rows.ts `postRow`), written,
 * rendered and published the same way; `kind` tells them apart.
 */
export const ContentNode = builder.interfaceRef<PostRow>('ContentNode').implement({
  description: 'A post or a page: written, rendered, published and described for search engines the same way.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (row) => (row.kind === 'PAGE' ? 'Page' : 'Post'),
  fields: (t) => ({
    slug: t.string({ description: 'The current slug; a former one also finds it, see previousSlugs.', resolve: (post) => post.slug }),
    title: t.string({ resolve: (post) => post.title }),
    excerpt: t.string({
      description:
        'Plain text on one line, at most 200 characters, ending in … when cut: the start of the author’s summary, or else of the body.',
      resolve: (post) => post.excerpt,
    }),
    markdown: t.string({
      description: 'The Markdown source.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).markdown,
    }),
    html: t.string({
      description: 'The body rendered to HTML and sanitized: no scripts, event handlers or javascript: URLs.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).html,
    }),
    headings: t.field({
      type: [HeadingType],
      description: 'h1-h6 in document order.',
      complexity: BODY_FIELD_COST,
      resolve: async (post, _args, context) => (await context.loaders.postBody.load(post.id)).headings as unknown as Heading[],
    }),
    wordCount: t.int({
      description: 'Words of the body; each CJK character counts as one word.',
      resolve: (post) => post.wordCount,
    }),
    readingMinutes: t.int({
      description: 'ceil(CJK characters / 500 + other words / 230), at least 1.',
      resolve: (post) => post.readingMinutes,
    }),
    status: t.field({
      type: PostStatusEnum,
      description: 'PUBLISHED with a publishedAt in the future means scheduled.',
      resolve: (post) => post.status,
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null only for drafts that were never published.',
      resolve: (post) => post.publishedAt,
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (post) => post.updatedAt }),
    seo: t.field({
      type: Seo,
      description: 'For meta tags: the author’s SEO fields, each falling back to what the post has.',
      resolve: async (post, _args, context) => seoOf(post, await siteOf(context)),
    }),
    previousSlugs: t.stringList({
      description: 'Slugs it had before, oldest first. post(slug)/page(slug) still find it by them: redirect to `slug`.',
      resolve: (post, _args, context) => formerSlugs(context).load(post.id),
    }),
  }),
});
