-- Pages (posts of kind PAGE) are not posts to readers: the kept count of published posts leaves
-- them out. A post's kind is fixed when it is created, so an update never moves a row between
-- kinds. Pages have no tags, so the tags' counts need no change.
CREATE OR REPLACE FUNCTION folio_count_posts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := 0;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    delta := delta + (SELECT count(*) FROM added WHERE "status" = 'PUBLISHED' AND "kind" = 'POST');
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    delta := delta - (SELECT count(*) FROM removed WHERE "status" = 'PUBLISHED' AND "kind" = 'POST');
  END IF;
  IF delta <> 0 THEN
    UPDATE "post_statistics" SET "published_posts" = "published_posts" + delta;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    UPDATE "post_tags" pt SET "status" = a."status", "published_at" = a."published_at"
    FROM added a JOIN removed r ON r."id" = a."id"
    WHERE pt."post_id" = a."id"
      AND (a."status" IS DISTINCT FROM r."status" OR a."published_at" IS DISTINCT FROM r."published_at");
  END IF;
  RETURN NULL;
END
$$;

UPDATE "post_statistics" SET "published_posts" = (SELECT count(*) FROM "posts" WHERE "status" = 'PUBLISHED' AND "kind" = 'POST');

-- orderBy: UPDATED reads posts by updatedAt, newest first, ties broken by id.
CREATE INDEX "posts_status_updated_at_id_idx" ON "posts"("status", "updated_at", "id");
