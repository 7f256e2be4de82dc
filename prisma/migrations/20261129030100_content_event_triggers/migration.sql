-- Triggers that fill the outbox (content_events) in the transaction of each change, whoever makes
-- it: the API, an import, or plain SQL. The rules:
--
-- * Events record what readers without a token can see change. A post or page is visible when it
--   is PUBLISHED and its published_at has come (at the transaction's time, now()).
--     published    it became visible (created visible, published, or its scheduled time came);
--     updated      it was visible and still is, and its row, tags, authors or former slugs changed;
--     unpublished  it was visible and no longer is (back to draft, or rescheduled to the future);
--     deleted      it was visible and its row was deleted; tag_ids are the tags it had.
--   Changes to drafts and scheduled posts are not recorded: the change feed must not show them to
--   readers, and webhooks for them would be noise. Deleting a post that was never visible records
--   nothing, as readers never knew it.
-- * A post saved PUBLISHED with a future published_at gets a `published` row due at that time;
--   it stays pending (seq NULL) until then. Any later change to that post (rescheduled, edited,
--   unpublished, deleted) removes the pending row first, and writes it again if the post is still
--   scheduled, so a stale publication never fires.
-- * One transaction records at most one event per subject, due now: its changes merge into the
--   subject's pending row of the same transaction (transaction_id), judged from the state before
--   the transaction to the state after (a post created and deleted in one transaction records
--   nothing; one saved in several statements records one event). Without such a row, the state
--   before the transaction is the state before the statement: every change of visibility writes one.
-- * previous_slug is the slug readers knew, when the transaction changed it.
-- * tag_ids holds the post's tags before and after the change, for the cache keys it touches.
-- * Tags: tag.created, tag.updated (slug, name or description changed; not its kept post count),
--   tag.deleted; tag_ids is empty. Deleting a tag also updates each visible post that had it.
--
-- Triggers are row-level with an index lookup per row (subject_id, seq), so a bulk write costs a
-- few index probes per row (README, "The change feed", has a measurement).

ALTER TABLE "content_events" ADD COLUMN "transaction_id" BIGINT;

CREATE INDEX "content_events_subject_id_seq_idx" ON "content_events"("subject_id", "seq");

-- Records a change to the post `post` (its row now, or as it was when `gone`), merging with what
-- this transaction recorded of it already. `was_visible`, `former_slug` and `former_tag_ids`
-- describe it before this statement.
CREATE FUNCTION folio_record_post_change(post "posts", was_visible boolean, former_slug text, former_tag_ids integer[], gone boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  this_transaction bigint := pg_current_xact_id()::text::bigint;
  prefix text := CASE post."kind" WHEN 'PAGE' THEN 'page.' ELSE 'post.' END;
  visible boolean := NOT gone AND post."status" = 'PUBLISHED' AND post."published_at" <= now();
  scheduled boolean := NOT gone AND post."status" = 'PUBLISHED' AND post."published_at" > now();
  earlier "content_events";
  merging boolean;
  current_tag_ids integer[] := '{}';
  change text;
BEGIN
  -- A publication scheduled by an earlier change no longer holds; written again below if it still
  -- does. (Scheduled rows are due after they occurred; a row due now may round up past now().)
  -- One whose time has come stands: the post was published then, and is visible now.
  DELETE FROM "content_events" e
  WHERE e."subject_id" = post."id" AND e."seq" IS NULL AND e."subject_kind" IS NOT NULL
    AND e."due_at" > e."occurred_at" AND e."due_at" > now();

  SELECT * INTO earlier FROM "content_events" e
  WHERE e."subject_id" = post."id" AND e."seq" IS NULL AND e."subject_kind" IS NOT NULL AND e."transaction_id" = this_transaction;
  merging := FOUND;
  IF merging THEN
    was_visible := earlier."type" NOT LIKE '%.published';
    former_slug := coalesce(earlier."previous_slug", earlier."slug");
    former_tag_ids := earlier."tag_ids" || former_tag_ids;
  END IF;

  IF NOT gone THEN
    SELECT coalesce(array_agg(pt."tag_id"), '{}') INTO current_tag_ids FROM "post_tags" pt WHERE pt."post_id" = post."id";
  END IF;

  change := CASE
    WHEN was_visible AND gone THEN 'deleted'
    WHEN was_visible AND visible THEN 'updated'
    WHEN was_visible THEN 'unpublished'
    WHEN visible THEN 'published'
  END;

  IF change IS NULL THEN
    IF merging THEN
      DELETE FROM "content_events" WHERE "id" = earlier."id";
    END IF;
  ELSIF merging THEN
    UPDATE "content_events" SET
      "type" = prefix || change,
      "slug" = post."slug",
      "previous_slug" = CASE WHEN was_visible AND former_slug <> post."slug" THEN former_slug END,
      "tag_ids" = ARRAY(SELECT DISTINCT unnest(former_tag_ids || current_tag_ids) ORDER BY 1)
    WHERE "id" = earlier."id";
  ELSE
    INSERT INTO "content_events" ("type", "subject_kind", "subject_id", "slug", "previous_slug", "tag_ids", "transaction_id")
    VALUES (prefix || change, post."kind", post."id", post."slug",
            CASE WHEN was_visible AND former_slug <> post."slug" THEN former_slug END,
            ARRAY(SELECT DISTINCT unnest(former_tag_ids || current_tag_ids) ORDER BY 1), this_transaction);
  END IF;

  IF scheduled THEN
    INSERT INTO "content_events" ("type", "subject_kind", "subject_id", "slug", "tag_ids", "due_at", "transaction_id")
    VALUES (prefix || 'published', post."kind", post."id", post."slug",
            ARRAY(SELECT DISTINCT unnest(current_tag_ids) ORDER BY 1), post."published_at", this_transaction);
  END IF;
END
$$;

CREATE FUNCTION folio_post_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM folio_record_post_change(NEW, false, NEW."slug", '{}', false);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM folio_record_post_change(NEW, OLD."status" = 'PUBLISHED' AND OLD."published_at" <= now(), OLD."slug", '{}', false);
  ELSE
    -- Before the row goes, while its tags (deleted by cascade) can still be read.
    PERFORM folio_record_post_change(OLD, OLD."status" = 'PUBLISHED' AND OLD."published_at" <= now(), OLD."slug",
      ARRAY(SELECT pt."tag_id" FROM "post_tags" pt WHERE pt."post_id" = OLD."id"), true);
    RETURN OLD;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER posts_record_insert AFTER INSERT ON "posts"
  FOR EACH ROW EXECUTE FUNCTION folio_post_changed();
CREATE TRIGGER posts_record_update AFTER UPDATE ON "posts"
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION folio_post_changed();
CREATE TRIGGER posts_record_delete BEFORE DELETE ON "posts"
  FOR EACH ROW EXECUTE FUNCTION folio_post_changed();

-- A post's tags, authors and former slugs are part of what readers see of it. When the post itself
-- is gone (these rows are deleted with it), its own event says so.
CREATE FUNCTION folio_post_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  post "posts";
  removed_tag_ids integer[] := '{}';
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT * INTO post FROM "posts" p WHERE p."id" = OLD."post_id";
    IF TG_TABLE_NAME = 'post_tags' THEN
      removed_tag_ids := ARRAY[OLD."tag_id"];
    END IF;
  ELSE
    SELECT * INTO post FROM "posts" p WHERE p."id" = NEW."post_id";
  END IF;
  IF FOUND THEN
    PERFORM folio_record_post_change(post, post."status" = 'PUBLISHED' AND post."published_at" <= now(), post."slug", removed_tag_ids, false);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER post_tags_record AFTER INSERT OR DELETE ON "post_tags"
  FOR EACH ROW EXECUTE FUNCTION folio_post_part_changed();
CREATE TRIGGER post_authors_record AFTER INSERT OR UPDATE OR DELETE ON "post_authors"
  FOR EACH ROW EXECUTE FUNCTION folio_post_part_changed();
CREATE TRIGGER post_slugs_record AFTER INSERT OR DELETE ON "post_slugs"
  FOR EACH ROW EXECUTE FUNCTION folio_post_part_changed();

CREATE FUNCTION folio_tag_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  this_transaction bigint := pg_current_xact_id()::text::bigint;
  tag "tags" := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
  earlier "content_events";
  merging boolean;
  existed boolean := TG_OP <> 'INSERT';
  former_slug text := CASE TG_OP WHEN 'INSERT' THEN NEW."slug" ELSE OLD."slug" END;
  change text;
BEGIN
  SELECT * INTO earlier FROM "content_events" e
  WHERE e."subject_id" = tag."id" AND e."seq" IS NULL AND e."subject_kind" IS NULL AND e."transaction_id" = this_transaction;
  merging := FOUND;
  IF merging THEN
    existed := earlier."type" <> 'tag.created';
    former_slug := coalesce(earlier."previous_slug", earlier."slug");
  END IF;
  change := CASE
    WHEN existed AND TG_OP = 'DELETE' THEN 'tag.deleted'
    WHEN existed THEN 'tag.updated'
    WHEN TG_OP <> 'DELETE' THEN 'tag.created'
  END;
  IF change IS NULL THEN
    DELETE FROM "content_events" WHERE "id" = earlier."id";
  ELSIF merging THEN
    UPDATE "content_events" SET "type" = change, "slug" = tag."slug",
      "previous_slug" = CASE WHEN existed AND former_slug <> tag."slug" THEN former_slug END
    WHERE "id" = earlier."id";
  ELSE
    INSERT INTO "content_events" ("type", "subject_id", "slug", "previous_slug", "transaction_id")
    VALUES (change, tag."id", tag."slug", CASE WHEN existed AND former_slug <> tag."slug" THEN former_slug END, this_transaction);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER tags_record_insert AFTER INSERT ON "tags"
  FOR EACH ROW EXECUTE FUNCTION folio_tag_changed();
-- The kept published_post_count changes with posts; only what a tag says of itself is its change.
CREATE TRIGGER tags_record_update AFTER UPDATE ON "tags"
  FOR EACH ROW WHEN (OLD."slug" IS DISTINCT FROM NEW."slug" OR OLD."name" IS DISTINCT FROM NEW."name"
                     OR OLD."description" IS DISTINCT FROM NEW."description")
  EXECUTE FUNCTION folio_tag_changed();
CREATE TRIGGER tags_record_delete AFTER DELETE ON "tags"
  FOR EACH ROW EXECUTE FUNCTION folio_tag_changed();

-- Releasing: under one transaction-level advisory lock, the next seq values go to the pending rows
-- that are due, in (due_at, id) order. Each statement of a function sees what committed before it
-- began, so the UPDATE, taken after the lock, sees every seq an earlier release gave: a reader
-- following seq never finds a number committed after a higher one. Listeners of
-- folio_events_released hear the highest seq given.
CREATE FUNCTION folio_release_due_events() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  released integer;
  highest bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "content_events" WHERE "seq" IS NULL AND "due_at" <= now()) THEN
    RETURN 0;
  END IF;
  -- Two-key advisory lock space (see db/post-writes.ts); this key names releasing events.
  PERFORM pg_advisory_xact_lock(20747, 0);
  -- Locked before they are numbered: a row a writer deletes meanwhile (a scheduled publication
  -- replaced) drops out here, and leaves no gap.
  WITH "last" AS (SELECT coalesce(max("seq"), 0) AS "seq" FROM "content_events"),
  "locked" AS (
    SELECT e."id", e."due_at" FROM "content_events" e WHERE e."seq" IS NULL AND e."due_at" <= now() FOR UPDATE
  ),
  "due" AS (SELECT "locked"."id", row_number() OVER (ORDER BY "locked"."due_at", "locked"."id") AS n FROM "locked")
  UPDATE "content_events" e SET "seq" = "last"."seq" + "due".n, "released_at" = now()
  FROM "due", "last" WHERE e."id" = "due"."id";
  GET DIAGNOSTICS released = ROW_COUNT;
  IF released > 0 THEN
    SELECT max("seq") INTO highest FROM "content_events";
    PERFORM pg_notify('folio_events_released', highest::text);
  END IF;
  RETURN released;
END
$$;

-- Every server's response cache forgets at once when content changes, however it changed: one
-- notification per statement, which PostgreSQL folds into one per transaction.
CREATE FUNCTION folio_notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('folio_content_changed', '');
  RETURN NULL;
END
$$;
CREATE TRIGGER posts_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "posts"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER tags_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tags"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER post_tags_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "post_tags"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER post_authors_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "post_authors"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER post_slugs_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "post_slugs"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER authors_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "authors"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER site_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "site"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();
CREATE TRIGGER images_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "images"
  FOR EACH STATEMENT EXECUTE FUNCTION folio_notify_content_changed();

-- Posts already scheduled when this runs publish at their time like any other.
INSERT INTO "content_events" ("type", "subject_kind", "subject_id", "slug", "tag_ids", "due_at")
SELECT CASE p."kind" WHEN 'PAGE' THEN 'page.published' ELSE 'post.published' END, p."kind", p."id", p."slug",
       ARRAY(SELECT pt."tag_id" FROM "post_tags" pt WHERE pt."post_id" = p."id" ORDER BY 1), p."published_at"
FROM "posts" p WHERE p."status" = 'PUBLISHED' AND p."published_at" > now();
