import { builder } from './builder.js';
import { Author } from './author.js';
import { POST_AUTHORS_COST } from './cost.js';
import { Post } from './post.js';

builder.objectFields(Post, (t) => ({
  authors: t.field({
    type: [Author],
    description: 'In byline order: the first is the main author, the rest co-authors.',
    complexity: POST_AUTHORS_COST,
    // Every post of a page loads its authors together: one statement for the page.
    resolve: (post, _args, context) => context.loaders.authorsOfPost.load(post.id),
  }),
}));
