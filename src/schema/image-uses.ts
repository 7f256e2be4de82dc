import DataLoader from 'dataloader';
import { imagesByIds, type ImageRow } from '../db/queries/images.js';
import type { AuthorRow } from '../db/queries/authors.js';
import { builder } from './builder.js';
import { RECORD_COST } from './cost.js';
import { Author } from './author.js';
import { ContentNode } from './content-node.js';
import { Image } from './image.js';
import { perRequest } from './per-request.js';
import { Seo } from './seo.js';
import { Site } from './site.js';

// The images that other records point at: a post's or page's cover, an author's avatar, a social
// image, the site's logo. Unlike node(id), which keeps the media library to token holders, these are public: a
// reader meets them through what uses them.

/** Images by id, for every cover, avatar, social image and logo of one answer in one statement. */
const imagesOf = perRequest(
  (context) =>
    new DataLoader<number, ImageRow | null>(async (ids) => {
      const found = new Map((await imagesByIds(context.db, ids)).map((image) => [image.id, image]));
      return ids.map((id) => found.get(id) ?? null);
    }),
);

builder.interfaceFields(ContentNode, (t) => ({
  coverImage: t.field({
    type: Image,
    nullable: true,
    description: 'The image shown above the post or page and in lists of posts.',
    complexity: RECORD_COST,
    resolve: (post, _args, context) => (post.coverImageId === null ? null : imagesOf(context).load(post.coverImageId)),
  }),
}));

builder.objectFields(Author, (t) => ({
  avatar: t.field({
    type: Image,
    nullable: true,
    complexity: RECORD_COST,
    resolve: (author: AuthorRow, _args, context) => (author.avatarImageId === null ? null : imagesOf(context).load(author.avatarImageId)),
  }),
}));

builder.objectFields(Seo, (t) => ({
  image: t.field({
    type: Image,
    nullable: true,
    description: 'For og:image and twitter:image: the social image, else the cover image.',
    complexity: RECORD_COST,
    resolve: (seo, _args, context) => (seo.imageId === null ? null : imagesOf(context).load(seo.imageId)),
  }),
}));

builder.objectFields(Site, (t) => ({
  logo: t.field({
    type: Image,
    nullable: true,
    complexity: RECORD_COST,
    resolve: (site, _args, context) => (site.logoImageId === null ? null : imagesOf(context).load(site.logoImageId)),
  }),
}));
