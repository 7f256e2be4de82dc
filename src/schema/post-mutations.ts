import { encodeGlobalID } from '@pothos/plugin-relay';
import { authorsRefusal, pageRefusal, publishOnCreateRefusal } from '../auth/roles.js';
import type { ContentKind } from '../db/generated/prisma/enums.js';
import { LIMITS } from '../editing/limits.js';
import { createPost, deletePost, publishPost, unpublishPost, updatePost } from '../editing/posts.js';
import { changedRecord, forbidden, requirePostAccess, requireToken } from './authoring.js';
import { builder } from './builder.js';
import { rowId } from './ids.js';
import { ContentKindEnum, ContentNode } from './content-node.js';
import { Page } from './page.js';
import { Post } from './post.js';
import { PostStatusEnum } from './post-filter.js';
import { seoInputFields, seoChanges } from './seo-input.js';
import { Image } from './image.js';

const COVER_IMAGE_INPUT = 'The id of an uploaded Image to show above the post.';

const EXCERPT_INPUT =
  `A summary of your own, at most ${LIMITS.summaryLength} characters, kept as written. Readers get it as ` +
  '`excerpt` cut like one derived from the body: on one line, at most 200 characters, ending in … when cut. ' +
  'Without one the excerpt comes from the body.';

const CreatePostInput = builder.inputType('CreatePostInput', {
  fields: (t) => ({
    title: t.string({ required: true, description: `At most ${LIMITS.titleLength} characters.` }),
    markdown: t.string({ required: true, description: 'The body in Markdown, at most 1 MB.' }),
    slug: t.string({ description: 'Lowercase letters, digits and hyphens. Derived from the title when absent.' }),
    excerpt: t.string({ description: EXCERPT_INPUT }),
    tags: t.stringList({ description: 'Tag slugs; tags that do not exist yet are created.' }),
    authors: t.stringList({
      description: "Author slugs in byline order; each must exist. Defaults to the token's own author.",
    }),
    publishedAt: t.field({ type: 'DateTime', description: 'Defaults to now when the post is published.' }),
    status: t.field({ type: PostStatusEnum, defaultValue: 'DRAFT' }),
    kind: t.field({
      type: ContentKindEnum,
      defaultValue: 'POST',
      description: 'PAGE makes a standalone page (About, Now), which has no tags and is never listed among posts. Fixed once created.',
    }),
    ...seoInputFields(t),
    coverImageId: t.globalID({ for: Image, description: COVER_IMAGE_INPUT }),
  }),
});

const UpdatePostInput = builder.inputType('UpdatePostInput', {
  description: 'Fields left out keep their value; excerpt: null removes your summary.',
  fields: (t) => ({
    title: t.string(),
    markdown: t.string(),
    slug: t.string(),
    excerpt: t.string({ description: EXCERPT_INPUT }),
    tags: t.stringList({ description: 'Replaces the post’s tags.' }),
    authors: t.stringList({ description: 'Replaces the post’s authors: slugs in byline order.' }),
    kind: t.field({ type: ContentKindEnum, description: 'The kind is fixed: one other than the post’s is BAD_USER_INPUT.' }),
    ...seoInputFields(t),
    coverImageId: t.globalID({ for: Image, description: `${COVER_IMAGE_INPUT} null removes it.` }),
  }),
});

// Posts and pages are written by the same mutations, by their own ids.
export const CONTENT_NODES = [Post, Page];

/** What a Post or Page id names: its row, and the kind that row must be (a post's id names no page). */
export function contentRow(id: { typename: string; id: string }): { postId: number; kind: ContentKind } {
  return { postId: rowId(id.id), kind: id.typename === 'Page' ? 'PAGE' : 'POST' };
}

/** The cover in the write side's terms: absent stays absent, null removes it. */
function coverChange(input: { coverImageId?: { id: string } | null }): { coverImageId: number | null | undefined } {
  return { coverImageId: input.coverImageId && rowId(input.coverImageId.id) };
}

builder.mutationFields((t) => ({
  createPost: t.field({
    type: ContentNode,
    description: 'Creates a post, or with kind: PAGE a page; a draft unless status says otherwise.',
    args: { input: t.arg({ type: CreatePostInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const holder = requireToken(context);
      const status = input.status ?? 'DRAFT';
      const authors = input.authors ?? (holder.authorSlug ? [holder.authorSlug] : []);
      const refusal =
        (input.kind === 'PAGE' && pageRefusal(holder)) ||
        (status === 'PUBLISHED' && publishOnCreateRefusal(holder)) ||
        authorsRefusal(holder, authors.map((slug) => slug.trim()));
      if (refusal) throw forbidden(refusal);
      const id = await createPost(
        context.db,
        { ...input, ...seoChanges(input), ...coverChange(input), summary: input.excerpt, status, authors },
        context.visibility.now,
      );
      await context.contentChanged();
      return changedRecord(context.loaders.post, id, 'post');
    },
  }),
  updatePost: t.field({
    type: ContentNode,
    description: 'Changes a post or page. A new slug keeps the old one as a former slug, which still finds it.',
    args: { id: t.arg.globalID({ required: true, for: CONTENT_NODES }), input: t.arg({ type: UpdatePostInput, required: true }) },
    resolve: async (_root, { id, input }, context) => {
      const { postId, kind } = contentRow(id);
      const holder = await requirePostAccess(context, postId, 'edit', kind);
      const refusal = input.authors && authorsRefusal(holder, input.authors.map((slug) => slug.trim()));
      if (refusal) throw forbidden(refusal);
      await updatePost(context.db, postId, { ...input, ...seoChanges(input), ...coverChange(input), summary: input.excerpt });
      await context.contentChanged();
      return changedRecord(context.loaders.post, postId, 'post');
    },
  }),
  deletePost: t.id({
    description: 'Deletes a post or page for good, its former slugs with it, and returns its id.',
    args: { id: t.arg.globalID({ required: true, for: CONTENT_NODES }) },
    resolve: async (_root, { id }, context) => {
      const { postId, kind } = contentRow(id);
      await requirePostAccess(context, postId, 'delete', kind);
      await deletePost(context.db, postId);
      await context.contentChanged();
      return encodeGlobalID(id.typename, postId);
    },
  }),
  publishPost: t.field({
    type: ContentNode,
    description: 'Publishes now, or at `at`: a time in the future schedules the post. Without `at` a post keeps a date it already has.',
    args: { id: t.arg.globalID({ required: true, for: CONTENT_NODES }), at: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, { id, at }, context) => {
      const { postId, kind } = contentRow(id);
      await requirePostAccess(context, postId, 'publish', kind);
      await publishPost(context.db, postId, at ?? null, context.visibility.now);
      await context.contentChanged();
      return changedRecord(context.loaders.post, postId, 'post');
    },
  }),
  unpublishPost: t.field({
    type: ContentNode,
    description: 'Takes a post back to draft.',
    args: { id: t.arg.globalID({ required: true, for: CONTENT_NODES }) },
    resolve: async (_root, { id }, context) => {
      const { postId, kind } = contentRow(id);
      await requirePostAccess(context, postId, 'publish', kind);
      await unpublishPost(context.db, postId);
      await context.contentChanged();
      return changedRecord(context.loaders.post, postId, 'post');
    },
  }),
}));
