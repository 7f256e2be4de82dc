import { Prisma } from '../generated/prisma/client.js';
import type { ContentKind } from '../generated/prisma/enums.js';
import type { Database } from '../client.js';

// The outbox of changes (content_events), filled by the triggers of the content_event_triggers
// migration, which also holds its rules. Rows are pending until released; readers follow `seq`.

/**
 * Gives the next `seq` values to the pending events that are due, in (due_at, id) order, under
 * one lock (the migration's folio_release_due_events), and answers how many it released.
 * Releases are serialized and each commits before the next begins, so a reader following `seq`
 * never skips a number that commits later.
 */
export async function releaseDueEvents(db: Database): Promise<number> {
  const [row] = await db.rows<{ released: number }>(Prisma.sql`SELECT folio_release_due_events() AS released`);
  return row?.released ?? 0;
}

/** Milliseconds until the next pending event is due, by the database's clock; null when none is pending. */
export async function msUntilNextDueEvent(db: Database): Promise<number | null> {
  const [row] = await db.rows<{ ms: number | null }>(Prisma.sql`
    SELECT greatest(0, extract(epoch FROM min(due_at) - clock_timestamp()) * 1000)::float8 AS ms
    FROM content_events WHERE seq IS NULL`);
  return row?.ms ?? null;
}

/** A released event as the change feed reads it. */
export interface ChangeRow {
  /** A bigint, as decimal text. */
  seq: string;
  /** e.g. post.published, page.deleted, tag.updated. */
  type: string;
  /** POST or PAGE; null for a tag. */
  subjectKind: ContentKind | null;
  subjectId: number;
  slug: string;
  previousSlug: string | null;
  dueAt: Date;
}

/**
 * Up to `limit` released events after `afterSeq`, in seq order, each the latest of its subject:
 * an earlier event of a subject that changed again later is left out, so a reader paging to the
 * end sees each changed subject once, at its last change.
 */
export function latestChanges(db: Database, afterSeq: string, limit: number): Promise<ChangeRow[]> {
  return db.rows<ChangeRow>(Prisma.sql`
    SELECT e.seq::text AS seq, e.type, e.subject_kind AS "subjectKind", e.subject_id AS "subjectId", e.slug,
           e.previous_slug AS "previousSlug", e.due_at AS "dueAt"
    FROM content_events e
    WHERE e.seq > ${afterSeq}::bigint
      AND NOT EXISTS (
        SELECT 1 FROM content_events later
        WHERE later.subject_id = e.subject_id AND later.seq > e.seq AND (later.subject_kind IS NULL) = (e.subject_kind IS NULL))
    ORDER BY e.seq
    LIMIT ${limit}`);
}
