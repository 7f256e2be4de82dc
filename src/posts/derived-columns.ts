import { derivePostContent, type PostSource } from '../content/derive.js';
import type { Prisma } from '../db/generated/prisma/client.js';

/**
 * The columns a post derives from its source, split into what Prisma writes and the search
 * document, which Prisma cannot write (see `setSearchDocument`).
 */
export function derivedColumns(source: PostSource) {
  const { searchDocument, headings, ...derived } = derivePostContent(source);
  return { data: { ...derived, headings: headings as unknown as Prisma.InputJsonArray }, searchDocument };
}

export async function setSearchDocument(tx: Prisma.TransactionClient, postId: number, searchDocument: string): Promise<void> {
  await tx.$executeRaw`UPDATE posts SET search_vector = ${searchDocument}::tsvector WHERE id = ${postId}`;
}
