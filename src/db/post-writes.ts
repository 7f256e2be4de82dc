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

// Two-key advisory lock space; this key names taking or retiring one exact slug.
const SLUG_LOCK = 0x510a;
// 0x510b names releasing content events (folio_release_due_events, migration content_event_triggers).

/**
 * Holds, until the transaction ends, each of `slugs`: writers that take a slug (as a current or
 * a former one) take turns, so a slug cannot become one post's slug and another's former slug
 * at once. Locked in sorted order, so two renames that swap slugs cannot deadlock.
 */
export async function lockSlugs(tx: Prisma.TransactionClient, slugs: readonly string[]): Promise<void> {
  for (const slug of [...new Set(slugs)].sort()) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SLUG_LOCK}::int, hashtext(${slug}))`;
  }
}
