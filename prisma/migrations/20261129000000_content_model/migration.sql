-- The content model around the text: images, authors and roles, SEO fields, pages (posts of
-- kind PAGE), former slugs and the site's settings.

-- CreateEnum
CREATE TYPE "ContentKind" AS ENUM ('POST', 'PAGE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN');

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "author_id" INTEGER,
ADD COLUMN     "role" "Role" NOT NULL DEFAULT 'ADMIN';

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "canonical_url" TEXT,
ADD COLUMN     "cover_image_id" INTEGER,
ADD COLUMN     "kind" "ContentKind" NOT NULL DEFAULT 'POST',
ADD COLUMN     "no_index" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "seo_description" TEXT,
ADD COLUMN     "seo_title" TEXT,
ADD COLUMN     "social_image_id" INTEGER;

-- CreateTable
CREATE TABLE "images" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "filename" TEXT,
    "alt" TEXT,
    "placeholder" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authors" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bio" TEXT,
    "avatar_image_id" INTEGER,
    "website" TEXT,
    "social_links" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "post_authors" (
    "post_id" INTEGER NOT NULL,
    "author_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "post_authors_pkey" PRIMARY KEY ("post_id","author_id")
);

-- CreateTable
CREATE TABLE "post_slugs" (
    "slug" TEXT NOT NULL,
    "post_id" INTEGER NOT NULL,
    "retired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "post_slugs_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "site" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "title" TEXT NOT NULL DEFAULT 'Folio',
    "description" TEXT NOT NULL DEFAULT '',
    "url" TEXT,
    "language" TEXT NOT NULL DEFAULT 'en',
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "logo_image_id" INTEGER,
    "social_links" JSONB NOT NULL DEFAULT '[]',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "images_hash_key" ON "images"("hash");

-- CreateIndex
CREATE INDEX "images_created_at_id_idx" ON "images"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "authors_slug_key" ON "authors"("slug");

-- CreateIndex
CREATE INDEX "authors_name_id_idx" ON "authors"("name", "id");

-- CreateIndex
CREATE INDEX "post_authors_author_id_post_id_idx" ON "post_authors"("author_id", "post_id");

-- CreateIndex
CREATE INDEX "post_slugs_post_id_idx" ON "post_slugs"("post_id");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_cover_image_id_fkey" FOREIGN KEY ("cover_image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_social_image_id_fkey" FOREIGN KEY ("social_image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authors" ADD CONSTRAINT "authors_avatar_image_id_fkey" FOREIGN KEY ("avatar_image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_authors" ADD CONSTRAINT "post_authors_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_authors" ADD CONSTRAINT "post_authors_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "post_slugs" ADD CONSTRAINT "post_slugs_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site" ADD CONSTRAINT "site_logo_image_id_fkey" FOREIGN KEY ("logo_image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The site's settings are one row, there from the start.
ALTER TABLE "site" ADD CONSTRAINT "site_one_row" CHECK ("id");
INSERT INTO "site" ("updated_at") VALUES (CURRENT_TIMESTAMP);
