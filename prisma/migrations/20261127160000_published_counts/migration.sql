-- Counts of published posts, kept by triggers, so that totalCount and postCount read a number
-- instead of counting rows; and each post_tags row carries its post's status and publishedAt,
-- so that a tag's posts can be listed in order, and related posts found, from post_tags alone.
-- "Published" includes scheduled posts: readers without a token subtract the few scheduled
-- ones, which the (status, published_at) indexes find directly.

-- DropIndex
DROP INDEX "post_tags_tag_id_post_id_idx";

-- AlterTable
ALTER TABLE "post_tags" ADD COLUMN     "published_at" TIMESTAMPTZ(3),
ADD COLUMN     "status" "PostStatus" NOT NULL DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "tags" ADD COLUMN     "published_post_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "post_statistics" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "published_posts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "post_statistics_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "post_tags_tag_id_status_published_at_post_id_idx" ON "post_tags"("tag_id", "status", "published_at", "post_id");

-- The table holds exactly one row.
ALTER TABLE "post_statistics" ADD CONSTRAINT "post_statistics_one_row" CHECK ("id");

-- Existing data.
UPDATE "post_tags" pt SET "status" = p."status", "published_at" = p."published_at" FROM "posts" p WHERE p."id" = pt."post_id";
UPDATE "tags" t SET "published_post_count" = c.n
  FROM (SELECT "tag_id", count(*) AS n FROM "post_tags" WHERE "status" = 'PUBLISHED' GROUP BY "tag_id") c
  WHERE t."id" = c."tag_id";
INSERT INTO "post_statistics" ("published_posts") SELECT count(*) FROM "posts" WHERE "status" = 'PUBLISHED';

-- A new post_tags row takes its post's status and publishedAt.
CREATE FUNCTION folio_post_tags_copy_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT p."status", p."published_at" INTO NEW."status", NEW."published_at" FROM "posts" p WHERE p."id" = NEW."post_id";
  RETURN NEW;
END
$$;
CREATE TRIGGER post_tags_copy_post BEFORE INSERT ON "post_tags"
  FOR EACH ROW EXECUTE FUNCTION folio_post_tags_copy_post();

-- Statement-level triggers with transition tables: a bulk import adjusts each counter once per
-- statement, not once per row.
CREATE FUNCTION folio_count_tag_links() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE "tags" t SET "published_post_count" = t."published_post_count" + d.n
    FROM (SELECT "tag_id", count(*) AS n FROM added WHERE "status" = 'PUBLISHED' GROUP BY "tag_id") d
    WHERE t."id" = d."tag_id";
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE "tags" t SET "published_post_count" = t."published_post_count" - d.n
    FROM (SELECT "tag_id", count(*) AS n FROM removed WHERE "status" = 'PUBLISHED' GROUP BY "tag_id") d
    WHERE t."id" = d."tag_id";
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER post_tags_count_added AFTER INSERT ON "post_tags"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION folio_count_tag_links();
CREATE TRIGGER post_tags_count_removed AFTER DELETE ON "post_tags"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION folio_count_tag_links();
CREATE TRIGGER post_tags_count_changed AFTER UPDATE ON "post_tags"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION folio_count_tag_links();

-- Posts: the overall count, and their status and publishedAt copied to their post_tags rows
-- (which adjusts the tags' counts through the triggers above).
CREATE FUNCTION folio_count_posts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := 0;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    delta := delta + (SELECT count(*) FROM added WHERE "status" = 'PUBLISHED');
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    delta := delta - (SELECT count(*) FROM removed WHERE "status" = 'PUBLISHED');
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
CREATE TRIGGER posts_count_added AFTER INSERT ON "posts"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION folio_count_posts();
CREATE TRIGGER posts_count_removed AFTER DELETE ON "posts"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION folio_count_posts();
CREATE TRIGGER posts_count_changed AFTER UPDATE ON "posts"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION folio_count_posts();
