import { type DerivedPostContent, derivePostContent, type PostSource } from '../content/derive.js';
import type { Prisma } from '../db/generated/prisma/client.js';
import { renderOffThread } from './render-pool.js';

/**
 * The columns a post derives from its source, split into what Prisma writes and the search
 * document, which Prisma cannot write (see `setSearchDocument` in db/post-writes.ts).
 */
export function derivedColumns(source: PostSource) {
  return splitColumns(derivePostContent(source));
}

/** derivedColumns, computed on a rendering thread: what the server and the commands write. */
export async function renderColumns(source: PostSource): Promise<DerivedColumns> {
  return splitColumns(await renderOffThread(source));
}

export type DerivedColumns = ReturnType<typeof splitColumns>;

function splitColumns({ searchDocument, headings, ...derived }: DerivedPostContent) {
  return { data: { ...derived, headings: headings as unknown as Prisma.InputJsonArray }, searchDocument };
}
