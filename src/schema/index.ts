import { builder } from './builder.js';
import './post.js';
import './tag.js';
import './post-relations.js';
import './archive.js';
import './post-mutations.js';
import './tag-mutations.js';
import './image.js';
import './post-cover.js';

export const schema = builder.toSchema({ sortSchema: false });
