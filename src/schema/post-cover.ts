import { coverImagesOfPosts, type ImageRow } from '../db/queries/images.js';
import { builder } from './builder.js';
import { RECORD_COST } from './cost.js';
import { Image } from './image.js';
import { Post } from './post.js';

// Added apart from Post, as Image is its own domain; a page of posts loads its covers together.
builder.objectFields(Post, (t) => ({
  coverImage: t.loadable({
    type: Image,
    nullable: true,
    description: 'The image shown above the post and in lists of posts.',
    complexity: RECORD_COST,
    load: async (postIds: number[], context) => {
      const covers = new Map<number, ImageRow>((await coverImagesOfPosts(context.db, postIds)).map(({ postId, ...image }) => [postId, image]));
      return postIds.map((id) => covers.get(id) ?? null);
    },
    resolve: (post) => post.id,
  }),
}));
