import { imagesByIds } from '../db/queries/images.js';
import type { RequestContext } from '../request/context.js';
import { rowId } from './ids.js';

/**
 * Loads what a global id names, for node(id) and nodes(ids): through the request's loaders, so
 * that nodes(ids) costs one statement per type, and with the same visibility as post(slug).
 */
export async function loadNode(id: { typename: string; id: string }, context: RequestContext): Promise<unknown> {
  switch (id.typename) {
    case 'Post':
    case 'Page': {
      // Posts and pages share the table; an id names one of its kind only.
      const post = await context.loaders.post.load(rowId(id.id));
      return post && post.kind === (id.typename === 'Page' ? 'PAGE' : 'POST') ? { ...post, __typename: id.typename } : null;
    }
    case 'Tag': {
      const tag = await context.loaders.tag.load(rowId(id.id));
      return tag && { ...tag, __typename: 'Tag' };
    }
    case 'Author': {
      const author = await context.loaders.author.load(rowId(id.id));
      return author && { ...author, __typename: 'Author' };
      }
    case 'Image': {
      // Listing media is an editor's tool; a reader meets images through what uses them.
      if (context.viewer.kind !== 'token') return null;
      const [image] = await imagesByIds(context.db, [rowId(id.id)]);
      return image && { ...image, __typename: 'Image' };
    }
    default:
      return null;
  }
}
