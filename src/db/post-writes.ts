import type { Prisma } from './generated/prisma/client.js';

// What the write side needs beyond Prisma's API: PostgreSQL features Prisma has no words for.

// Two-key advisory lock space; this key names slug derivation.
const DERIVED_SLUG_LOCK = 0x5109;

/** Waits for, then holds until the transaction ends, the turn to derive a slug from `base`. */
export async function lockSlugDerivation(tx: Prisma.TransactionClient, base: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DERIVED_SLUG_LOCK}::int, hashtext(${base}))`;
}

/** Writes the post's search document, a tsvector column Prisma cannot write. */
export async function setSearchDocument(tx: Prisma.TransactionClient, postId: number, searchDocument: string): Promise<void> {
  await tx.$executeRaw`UPDATE posts SET search_vector = ${searchDocument}::tsvector WHERE id = ${postId}`;
}
