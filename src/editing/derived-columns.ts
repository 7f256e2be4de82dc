import { readConfig } from '../config.js';
import { type DerivedPostContent, derivePostContent, type PostSource } from '../content/derive.js';
import type { LinkPolicy, MarkdownImage, RenderOptions } from '../content/markdown.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { renderOffThread } from './render-pool.js';

/**
 * The columns a post derives from its source, split into what Prisma writes and the search
 * document, which Prisma cannot write (see `setSearchDocument` in db/post-writes.ts).
 */
export function derivedColumns(source: PostSource, options: RenderOptions = {}) {
  return splitColumns(derivePostContent(source, options));
}

/**
 * derivedColumns, computed on a rendering thread: what the server and the commands write. The
 * images are the post's images found in the media store (keyed as `imageSources` lists them);
 * links follow SITE_URL and NOFOLLOW_LINKS as configured now.
 */
export async function renderColumns(source: PostSource, images: ReadonlyMap<string, MarkdownImage> = new Map()): Promise<DerivedColumns> {
  return splitColumns(await renderOffThread(source, { images, links: configuredLinkPolicy() }));
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
