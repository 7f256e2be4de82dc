-- A post's event is also a change of each tag page it was or is on (tag_ids): the change feed
-- finds a tag's later appearances in post events through this index.
CREATE INDEX "content_events_tag_ids_idx" ON "content_events" USING GIN ("tag_ids");

-- Tag events follow what readers see: a tag is visible while it has a published post. It is
-- "created" when it becomes visible, "deleted" when it stops being visible or is deleted while
-- visible, and "updated" when a visible tag's slug, name or description changes. A tag that only
-- drafts use records nothing, so neither webhooks nor the change feed name it.
CREATE OR REPLACE FUNCTION folio_tag_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  this_transaction bigint := pg_current_xact_id()::text::bigint;
  tag "tags" := CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
  earlier "content_events";
  merging boolean;
  visible_before boolean;
  visible_after boolean := TG_OP <> 'DELETE' AND NEW."published_post_count" > 0;
  former_slug text;
  change text;
BEGIN
  SELECT * INTO earlier FROM "content_events" e
  WHERE e."subject_id" = tag."id" AND e."seq" IS NULL AND e."subject_kind" IS NULL AND e."transaction_id" = this_transaction;
  merging := FOUND;
  IF merging THEN
    -- What readers saw before this transaction, which the earlier event of it recorded.
    visible_before := earlier."type" <> 'tag.created';
    former_slug := coalesce(earlier."previous_slug", earlier."slug");
  ELSE
    visible_before := TG_OP <> 'INSERT' AND OLD."published_post_count" > 0;
    former_slug := CASE TG_OP WHEN 'INSERT' THEN NEW."slug" ELSE OLD."slug" END;
  END IF;
  change := CASE
    -- Hidden and shown again in one transaction (a post's tags written anew): the same tag as before.
    WHEN merging AND earlier."type" = 'tag.deleted' AND visible_after AND former_slug = tag."slug" THEN NULL
    WHEN visible_before AND visible_after THEN 'tag.updated'
    WHEN visible_after THEN 'tag.created'
    WHEN visible_before THEN 'tag.deleted'
  END;
  IF change IS NULL THEN
    IF merging THEN DELETE FROM "content_events" WHERE "id" = earlier."id"; END IF;
  ELSIF merging THEN
    UPDATE "content_events" SET "type" = change, "slug" = tag."slug",
      "previous_slug" = CASE WHEN change = 'tag.updated' AND former_slug <> tag."slug" THEN former_slug END
    WHERE "id" = earlier."id";
  ELSE
    INSERT INTO "content_events" ("type", "subject_id", "slug", "previous_slug", "transaction_id")
    VALUES (change, tag."id", tag."slug", CASE WHEN change = 'tag.updated' AND former_slug <> tag."slug" THEN former_slug END, this_transaction);
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER tags_record_insert ON "tags";
CREATE TRIGGER tags_record_insert AFTER INSERT ON "tags"
  FOR EACH ROW WHEN (NEW."published_post_count" > 0)
  EXECUTE FUNCTION folio_tag_changed();
DROP TRIGGER tags_record_update ON "tags";
CREATE TRIGGER tags_record_update AFTER UPDATE ON "tags"
  FOR EACH ROW WHEN (((OLD."published_post_count" > 0) <> (NEW."published_post_count" > 0))
                     OR ((OLD."published_post_count" > 0 OR NEW."published_post_count" > 0)
                         AND (OLD."slug" IS DISTINCT FROM NEW."slug" OR OLD."name" IS DISTINCT FROM NEW."name"
                              OR OLD."description" IS DISTINCT FROM NEW."description")))
  EXECUTE FUNCTION folio_tag_changed();
DROP TRIGGER tags_record_delete ON "tags";
CREATE TRIGGER tags_record_delete AFTER DELETE ON "tags"
  FOR EACH ROW WHEN (OLD."published_post_count" > 0)
  EXECUTE FUNCTION folio_tag_changed();
