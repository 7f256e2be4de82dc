import DataLoader from 'dataloader';
import type { Database } from '../db/client.js';
import { type AuthorRow, authorsByIds, authorsOfPosts } from '../db/queries/authors.js';
import { postsByIds, tagsByIds } from '../db/queries/lookups.js';
import { listPosts, listPostsOfTags, type PostListRequest, type PostPage } from '../db/queries/posts.js';
import { neighbours, postBodies, tagsOfPosts } from '../db/queries/relations.js';
import type { PostBody, PostRow, TagRow } from '../db/queries/rows.js';
import type { Visibility } from '../db/queries/visibility.js';

type Neighbours = { previous: PostRow | null; next: PostRow | null };

/** A page of a tag's posts, as every tag on one path of a query asks for it. */
export type TagPostsRequest = Omit<PostListRequest, 'visibility' | 'filter'> & { filter: Parameters<typeof listPostsOfTags>[1]['filter'] };

/**
 * DataLoaders shared by more than one field, so that for example `previous` and `next` of a
 * whole page cost one statement together. Loaders used by a single field live with that field
 * (Pothos' `t.loadable`). Created per request: nothing cached outlives it.
 */
export class Loaders {
  readonly postBody: DataLoader<number, PostBody>;
  readonly neighbours: DataLoader<number, Neighbours>;
  readonly tagsOfPost: DataLoader<number, TagRow[]>;
  readonly post: DataLoader<number, PostRow | null>;
  readonly tag: DataLoader<number, TagRow | null>;
  /** Each post's authors in byline order: a page of posts costs one statement for all of them. */
  readonly authorsOfPost: DataLoader<number, AuthorRow[]>;
  readonly author: DataLoader<number, AuthorRow | null>;
  private readonly tagPostPages = new Map<string, DataLoader<number, PostPage>>();

  constructor(
    private readonly db: Database,
    private readonly visibility: Visibility,
  ) {
    this.postBody = new DataLoader(async (ids) => {
      const byId = new Map((await postBodies(db, ids)).map((body) => [body.id, body]));
      return ids.map((id) => byId.get(id) ?? new Error(`Post ${id} no longer exists`));
    });
    this.neighbours = new DataLoader(async (ids) => {
      const found = new Map<number, Neighbours>(ids.map((id) => [id, { previous: null, next: null }]));
      for (const { sourceId, side, ...post } of await neighbours(db, visibility, ids)) {
        found.get(sourceId)![side] = post;
      }
      return ids.map((id) => found.get(id)!);
    });
    this.tagsOfPost = new DataLoader(async (ids) => {
      const found = new Map<number, TagRow[]>(ids.map((id) => [id, []]));
      for (const { postId, ...tag } of await tagsOfPosts(db, ids)) found.get(postId)!.push(tag);
      return ids.map((id) => found.get(id)!);
    });
    this.post = new DataLoader(async (ids) => byId(ids, await postsByIds(db, visibility, ids)));
    this.tag = new DataLoader(async (ids) => byId(ids, await tagsByIds(db, visibility, ids)));
    this.authorsOfPost = new DataLoader(async (ids) => {
      const found = new Map<number, AuthorRow[]>(ids.map((id) => [id, []]));
      for (const { postId, ...author } of await authorsOfPosts(db, ids)) found.get(postId)!.push(author);
      return ids.map((id) => found.get(id)!);
    });
    this.author = new DataLoader(async (ids) => byId(ids, await authorsByIds(db, ids)));
  }

  /** The posts of many tags, one loader per distinct page asked for, so `tags { posts }` costs one statement. */
  postsOfTag(request: TagPostsRequest): DataLoader<number, PostPage> {
    const key = JSON.stringify(request);
    let loader = this.tagPostPages.get(key);
    if (!loader) {
      loader = new DataLoader(async (tagIds) => {
        // One tag, as on a tag page, pages best by itself: its tag is a parameter the plan can use.
        if (tagIds.length === 1) {
          return [await listPosts(this.db, { ...request, visibility: this.visibility, filter: { ...request.filter, tagId: tagIds[0] } })];
        }
        const pages = await listPostsOfTags(this.db, { ...request, visibility: this.visibility, tagIds });
        return tagIds.map((id) => pages.get(id)!);
      });
      this.tagPostPages.set(key, loader);
    }
    return loader;
  }
}

function byId<Row extends { id: number }>(ids: readonly number[], rows: Row[]): (Row | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => found.get(id) ?? null);
}
