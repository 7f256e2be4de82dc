import type { TokenHolder } from '../auth/tokens.js';
import type { Database } from '../db/client.js';
import type { Visibility } from '../db/queries/visibility.js';
import type { MediaLibrary } from '../media/library.js';
import { Loaders } from './loaders.js';

/**
 * Who is asking: nobody in particular, the holder of an API token (with its role and author), or
 * the holder of a preview token, who reads as anyone does but also sees that one post or page.
 */
export type Viewer = { kind: 'anonymous' } | ({ kind: 'token' } & TokenHolder) | { kind: 'preview'; postId: number; expiresAt: Date };

/** Everything one request's resolvers share; created fresh for every request. */
export interface RequestContext {
  db: Database;
  viewer: Viewer;
  visibility: Visibility;
  loaders: Loaders;
  requestId: string;
  /** Writers call this after a change, before they answer, so no reader is served what it replaced. */
  contentChanged: () => Promise<void>;
  /** Uploaded images and their variants. */
  media: MediaLibrary;
  /**
   * The cache keys of what the answer holds (rows and kinds of list, see delivery/cache-keys.ts),
   * gathered as fields resolve, for the HTTP server to tag the answer with.
   */
  answerKeys: Set<string>;
}

export interface RequestContextOptions {
  db: Database;
  viewer: Viewer;
  requestId: string;
  contentChanged: () => Promise<void>;
  media: MediaLibrary;
  now?: Date;
  answerKeys?: Set<string>;
}

export function createRequestContext({ db, viewer, requestId, contentChanged, media, now = new Date(), answerKeys = new Set() }: RequestContextOptions): RequestContext {
  const visibility: Visibility = {
    authenticated: viewer.kind === 'token',
    now,
    previewPostId: viewer.kind === 'preview' ? viewer.postId : null,
  };
  return { db, viewer, visibility, loaders: new Loaders(db, visibility), requestId, contentChanged, media, answerKeys };
}
