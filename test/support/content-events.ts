import type { Database } from '../../src/db/client.js';

export interface EventFields {
  type: string;
  subjectId: number;
  slug: string;
  subjectKind?: 'POST' | 'PAGE' | null;
  previousSlug?: string | null;
  tagIds?: number[];
}

/**
 * Records content events already released, each with the next seq, as the outbox's triggers
 * and its release step leave them. Answers their ids, in order.
 */
export async function insertReleasedEvents(db: Database, events: readonly EventFields[]): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (const event of events) {
    const subjectKind = event.subjectKind !== undefined ? event.subjectKind : event.type.startsWith('tag.') ? null : event.type.startsWith('page.') ? 'PAGE' : 'POST';
    const [row] = await db.prisma.$queryRaw<{ id: bigint }[]>`
      INSERT INTO content_events (type, subject_kind, subject_id, slug, previous_slug, tag_ids, seq, released_at)
      VALUES (${event.type}, ${subjectKind}::"ContentKind", ${event.subjectId}, ${event.slug}, ${event.previousSlug ?? null},
              ${event.tagIds ?? []}::int[], (SELECT coalesce(max(seq), 0) + 1 FROM content_events), now())
      RETURNING id`;
    ids.push(row!.id);
  }
  return ids;
}
