import { builder } from './builder.js';
import './post.js';
import './page.js';
import './site.js';
import './tag.js';
import './post-relations.js';
import './author.js';
import './content-authors.js';
import './archive.js';
import './post-mutations.js';
import './preview.js';
import './tag-mutations.js';
import './author-mutations.js';
import './image.js';
import './image-uses.js';
import './changes.js';
import './webhook.js';

export const schema = builder.toSchema({ sortSchema: false });
