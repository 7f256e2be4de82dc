import { encodeGlobalID } from '@pothos/plugin-relay';
import { createPost, deletePost, publishPost, unpublishPost, updatePost } from '../editing/posts.js';
import { LIMITS } from '../editing/limits.js';
import { checkImageExists, setPostCover } from '../editing/images.js';
import { changedRecord, requireToken } from './authoring.js';
import { builder } from './builder.js';
import { rowId } from './ids.js';
import { Post } from './post.js';
import { PostStatusEnum } from './post-filter.js';
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
    publishedAt: t.field({ type: 'DateTime', description: 'Defaults to now when the post is published.' }),
    status: t.field({ type: PostStatusEnum, defaultValue: 'DRAFT' }),
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
    coverImageId: t.globalID({ for: Image, description: `${COVER_IMAGE_INPUT} null removes it.` }),
  }),
});

builder.mutationFields((t) => ({
  createPost: t.field({
    type: Post,
    description: 'Creates a post, a draft unless status says otherwise.',
    args: { input: t.arg({ type: CreatePostInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      requireToken(context);
      const coverImageId = input.coverImageId ? rowId(input.coverImageId.id) : null;
      if (coverImageId !== null) await checkImageExists(context.db, coverImageId, 'coverImageId');
      const id = await createPost(
        context.db,
        { ...input, summary: input.excerpt, status: input.status ?? 'DRAFT' },
        context.visibility.now,
      );
      if (coverImageId !== null) await setPostCover(context.db, id, coverImageId);
      await context.contentChanged();
      return changedRecord(context.loaders.post, id, 'post');
    },
  }),
  updatePost: t.field({
    type: Post,
    args: { id: t.arg.globalID({ required: true, for: Post }), input: t.arg({ type: UpdatePostInput, required: true }) },
    resolve: async (_root, { id, input }, context) => {
      requireToken(context);
      const coverImageId = input.coverImageId === undefined ? undefined : input.coverImageId && rowId(input.coverImageId.id);
      if (coverImageId) await checkImageExists(context.db, coverImageId, 'coverImageId');
      await updatePost(context.db, rowId(id.id), { ...input, summary: input.excerpt });
      if (coverImageId !== undefined) await setPostCover(context.db, rowId(id.id), coverImageId);
      await context.contentChanged();
      return changedRecord(context.loaders.post, rowId(id.id), 'post');
    },
  }),
  deletePost: t.id({
    description: 'Deletes a post for good and returns its id.',
    args: { id: t.arg.globalID({ required: true, for: Post }) },
    resolve: async (_root, { id }, context) => {
      requireToken(context);
      await deletePost(context.db, rowId(id.id));
      await context.contentChanged();
      return encodeGlobalID('Post', rowId(id.id));
    },
  }),
  publishPost: t.field({
    type: Post,
    description: 'Publishes now, or at `at`: a time in the future schedules the post. Without `at` a post keeps a date it already has.',
    args: { id: t.arg.globalID({ required: true, for: Post }), at: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, { id, at }, context) => {
      requireToken(context);
      await publishPost(context.db, rowId(id.id), at ?? null, context.visibility.now);
      await context.contentChanged();
      return changedRecord(context.loaders.post, rowId(id.id), 'post');
    },
  }),
  unpublishPost: t.field({
    type: Post,
    description: 'Takes a post back to draft.',
    args: { id: t.arg.globalID({ required: true, for: Post }) },
    resolve: async (_root, { id }, context) => {
      requireToken(context);
      await unpublishPost(context.db, rowId(id.id));
      await context.contentChanged();
      return changedRecord(context.loaders.post, rowId(id.id), 'post');
    },
  }),
}));
