import { readConfig } from '../config.js';
import { type DerivedPostContent, derivePostContent, type PostSource } from '../content/derive.js';
import { imageSources, type LinkPolicy, type MarkdownImage, type RenderOptions } from '../content/markdown.js';
import type { Database } from '../db/client.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { markdownImagesFor } from '../media/index.js';
import { MEDIA_PATH_PREFIX } from '../media/urls.js';
import { renderOffThread } from './render-pool.js';

/**
 * The columns a post derives from its source, split into what Prisma writes and the search
 * document, which Prisma cannot write (see `setSearchDocument` in db/post-writes.ts).
 */
export function derivedColumns(source: PostSource, options: RenderOptions = {}) {
  return splitColumns(derivePostContent(source, options));
}

/**
 * derivedColumns, computed on a rendering thread: what the server and the commands write. Images
 * the post takes from the media store render with their size and srcset; links follow SITE_URL
 * and NOFOLLOW_LINKS as configured now.
 */
export async function renderColumns(db: Database, source: PostSource): Promise<DerivedColumns> {
  return splitColumns(await renderOffThread(source, { images: await mediaImagesOf(db, source.markdown), links: configuredLinkPolicy() }));
}

/** The post's images that are in the media store, keyed by their src as written. */
async function mediaImagesOf(db: Database, markdown: string): Promise<Map<string, MarkdownImage>> {
  // Only a post that names the media store is lexed here, off the rendering threads.
  if (!markdown.includes(MEDIA_PATH_PREFIX)) return new Map();
  return markdownImagesFor(db, imageSources(markdown), { publicBaseUrl: readConfig().mediaBaseUrl ?? '' });
}

export type DerivedColumns = ReturnType<typeof splitColumns>;

function splitColumns({ searchDocument, headings, ...derived }: DerivedPostContent) {
  return { data: { ...derived, headings: headings as unknown as Prisma.InputJsonArray }, searchDocument };
}

let linkPolicy: LinkPolicy | undefined;

/** The link policy the environment sets; stored HTML keeps the policy it was rendered with. */
export function configuredLinkPolicy(): LinkPolicy {
  if (linkPolicy === undefined) {
    const { siteUrl, nofollowLinks } = readConfig();
    linkPolicy = { siteOrigin: siteUrl === null ? null : new URL(siteUrl).origin, nofollow: nofollowLinks };
  }
  return linkPolicy;
}
