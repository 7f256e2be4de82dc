import { builder } from './builder.js';
import { Author } from './author.js';
import { POST_AUTHORS_COST } from './cost.js';
import { ContentNode } from './content-node.js';

// On the interface, so that pages carry a byline as posts do.
builder.interfaceFields(ContentNode, (t) => ({
  authors: t.field({
    type: [Author],
    description: 'In byline order: the first is the main author, the rest co-authors.',
    complexity: POST_AUTHORS_COST,
    // Every post of a listing loads its authors together: one statement for the page.
    resolve: (post, _args, context) => context.loaders.authorsOfPost.load(post.id),
  }),
}));
