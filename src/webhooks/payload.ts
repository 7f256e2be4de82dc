import { encodeGlobalID } from '@pothos/plugin-relay';
import type { UrlPatterns } from '../config.js';
import type { ReleasedEvent } from '../db/webhook-queue.js';
import { LIST_KEYS, rowKey } from '../delivery/cache-keys.js';
import { frontendPath } from '../delivery/frontend-paths.js';

// The JSON body of a webhook: what changed and, so that a receiver can rebuild or purge without
// asking back, the frontend paths and the cache keys (delivery/cache-keys.ts) it touches.

/** Frontend paths that list posts: the home page and the feed. */
const POST_LISTING_PATHS = ['/', '/feed.xml'];

type SubjectKind = 'post' | 'page' | 'tag';

const TYPE_NAMES: Record<SubjectKind, string> = { post: 'Post', page: 'Page', tag: 'Tag' };

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: {
    /** The API's global id of the post, page or tag. */
    id: string;
    kind: SubjectKind;
    slug: string;
    previousSlug: string | null;
    paths: string[];
    keys: string[];
  };
}

export function eventPayload(event: ReleasedEvent, tagSlugs: ReadonlyMap<number, string>, patterns: UrlPatterns): WebhookPayload {
  const kind = event.type.slice(0, event.type.indexOf('.')) as SubjectKind;
  const slugs = event.previousSlug ? [event.slug, event.previousSlug] : [event.slug];
  const ownPaths = slugs.map((slug) => frontendPath(patterns, kind, slug));
  const tagIds = kind === 'post' ? event.tagIds : [];
  // A deleted tag has no slug left to look up; its own tag.deleted event names its path.
  const tagPaths = tagIds.flatMap((id) => {
    const slug = tagSlugs.get(id);
    return slug === undefined ? [] : [frontendPath(patterns, 'tag', slug)];
  });
  return {
    type: event.type,
    timestamp: event.dueAt.toISOString(),
    data: {
      id: encodeGlobalID(TYPE_NAMES[kind], event.subjectId),
      kind,
      slug: event.slug,
      previousSlug: event.previousSlug,
      paths: [...new Set([...ownPaths, ...tagPaths, ...(kind === 'post' ? POST_LISTING_PATHS : [])])],
      keys: [rowKey(kind, event.subjectId), ...tagIds.map((id) => rowKey('tag', id)), ...listKeys(kind)],
    },
  };
}

// A post's publication changes the post lists and its tags' counts; a page or a tag, its own list.
function listKeys(kind: SubjectKind): string[] {
  if (kind === 'post') return [LIST_KEYS.posts, LIST_KEYS.tags];
  return [kind === 'page' ? LIST_KEYS.pages : LIST_KEYS.tags];
}
