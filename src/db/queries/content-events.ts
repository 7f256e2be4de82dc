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
  // Not greatest(0, ...): it skips a NULL, and an empty outbox would read as due now, waking the
  // releaser again at once, forever.
  const [row] = await db.rows<{ ms: number | null }>(Prisma.sql`
    SELECT (extract(epoch FROM min(due_at) - clock_timestamp()) * 1000)::float8 AS ms
    FROM content_events WHERE seq IS NULL`);
  const ms = row?.ms ?? null;
  return ms === null ? null : Math.max(0, ms);
}

/** A released change as the change feed reads it: an event's own subject, or a tag its post was on. */
export interface ChangeRow {
  /** A bigint, as decimal text. */
  seq: string;
  /** 0 for the event's own subject; the tag's id for a tag page the event's post was or is on. */
  part: number;
  /** e.g. post.published, page.deleted, tag.updated; a tag page a post changed on is tag.updated. */
  type: string;
  /** POST or PAGE; null for a tag. */
  subjectKind: ContentKind | null;
  subjectId: number;
  /** The event's slug; for a tag page a post changed on, the tag's slug now. */
  slug: string | null;
  previousSlug: string | null;
  dueAt: Date;
}

/**
 * Up to `limit` released changes after the position (seq, part), in that order, each the latest of
 * its subject: a change of a subject that changed again later is left out, so a reader paging to
 * the end sees each changed subject once, at its last change. A post's event also changes each tag
 * page it was or is on (`tag_ids`): a tag appears, changes and disappears with its posts.
 */
export function latestChanges(db: Database, after: { seq: string; part: number }, limit: number): Promise<ChangeRow[]> {
  return db.rows<ChangeRow>(Prisma.sql`
    WITH changes AS (
      SELECT e.seq, 0 AS part, e.type, e.subject_kind, e.subject_id, e.slug, e.previous_slug, e.due_at
      FROM content_events e
      WHERE e.seq > ${after.seq}::bigint
      UNION ALL
      SELECT e.seq, tag.id, 'tag.updated', NULL, tag.id, tag.slug, NULL, e.due_at
      FROM content_events e CROSS JOIN LATERAL unnest(e.tag_ids) AS on_tag(id) JOIN tags tag ON tag.id = on_tag.id
      WHERE e.seq >= ${after.seq}::bigint AND e.seq IS NOT NULL AND e.subject_kind IS NOT NULL
    )
    SELECT c.seq::text AS seq, c.part, c.type, c.subject_kind AS "subjectKind", c.subject_id AS "subjectId", c.slug,
           c.previous_slug AS "previousSlug", c.due_at AS "dueAt"
    FROM changes c
    WHERE (c.seq, c.part) > (${after.seq}::bigint, ${after.part}::int)
      AND NOT EXISTS (
        SELECT 1 FROM content_events later
        WHERE later.seq > c.seq AND (
          (later.subject_id = c.subject_id AND (later.subject_kind IS NULL) = (c.subject_kind IS NULL))
          OR (c.subject_kind IS NULL AND later.subject_kind IS NOT NULL AND later.tag_ids @> ARRAY[c.subject_id])))
    ORDER BY c.seq, c.part
    LIMIT ${limit}`);
}
