import DataLoader from 'dataloader';
import type { Database } from '../db/client.js';
import { neighbours, postBodies } from '../db/queries/relations.js';
import type { PostBody, PostRow } from '../db/queries/rows.js';
import type { Visibility } from '../db/queries/visibility.js';

type Neighbours = { previous: PostRow | null; next: PostRow | null };

/**
 * DataLoaders shared by more than one field, so that for example `previous` and `next` of a
 * whole page cost one statement together. Loaders used by a single field live with that field
 * (Pothos' `t.loadable`). Created per request: nothing cached outlives it.
 */
export class Loaders {
  readonly postBody: DataLoader<number, PostBody>;
  readonly neighbours: DataLoader<number, Neighbours>;

  constructor(db: Database, visibility: Visibility) {
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
  }
}
