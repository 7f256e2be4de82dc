import type { Database } from '../db/client.js';
import { Prisma } from '../db/generated/prisma/client.js';
import { ContentError, invalid } from './errors.js';
import { checkAbsoluteUrl, checkSocialLinks } from './urls.js';
import { LIMITS } from './limits.js';
import type { Transaction } from './save-post.js';
import { checkSlug } from './validate.js';

// Authors' profiles, and which authors a post has (in byline order).

// A type, not an interface, so that it is a JSON object to Prisma (social_links is jsonb).

export interface AuthorInput {
  slug: string;
  /** Required for a new author. */
  name?: string | null;
  /** For the fields below, absent: kept; null: removed. */
  bio?: string | null;
  website?: string | null;
  socialLinks?: readonly { kind: string; url: string }[] | null;
  avatarImageId?: number | null;
}

/** Creates the author with this slug, or updates the fields given. */
export async function upsertAuthor(db: Database, input: AuthorInput): Promise<number> {
  const slug = checkSlug(input.slug);
  const name = input.name != null ? checkLength(input.name, 'name', LIMITS.authorNameLength) : undefined;
  const fields = {
    name,
    bio: input.bio !== undefined ? optionalText(input.bio, 'bio', LIMITS.authorBioLength) : undefined,
    website: input.website !== undefined ? (input.website === null ? null : checkAbsoluteUrl(input.website, 'website')) : undefined,
    socialLinks: input.socialLinks !== undefined ? checkSocialLinks(input.socialLinks ?? [], 'socialLinks') : undefined,
    avatarImageId: input.avatarImageId !== undefined ? await checkImage(db, input.avatarImageId) : undefined,
  };
  const existing = await db.prisma.author.findUnique({ where: { slug }, select: { id: true } });
  if (existing) {
    await db.prisma.author.update({ where: { id: existing.id }, data: fields });
    return existing.id;
  }
  if (!name) throw invalid('name', `A new author needs a name; give input.name for "${slug}"`);
  try {
    return (await db.prisma.author.create({ data: { ...fields, slug, name }, select: { id: true } })).id;
  } catch (error) {
    // Created by someone else meanwhile: update theirs, as if it had been there.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return upsertAuthor(db, input);
    throw error;
  }
}

/** Deletes an author that has no posts and no tokens; those would lose their byline or owner. */
export async function deleteAuthor(db: Database, id: number): Promise<void> {
  const author = await db.prisma.author.findUnique({
    where: { id },
    select: { slug: true, _count: { select: { posts: true, tokens: true } } },
  });
  if (!author) throw new ContentError('NOT_FOUND', 'There is no author with this id (it may have been deleted)', 'id');
  const { posts, tokens } = author._count;
  if (posts > 0 || tokens > 0) {
    throw new ContentError(
      'CONFLICT',
      `Author "${author.slug}" still has ${posts} post(s) and ${tokens} token(s); move the posts to other authors and revoke or reassign the tokens first`,
      'id',
    );
  }
  await db.prisma.author.delete({ where: { id } });
}

/** Checks a post's author slugs, keeping their order and dropping repeats. */
export function checkAuthorSlugs(slugs: readonly string[], field = 'authors'): string[] {
  const unique = [...new Set(slugs.map((slug) => slug.trim()))];
  if (unique.length > LIMITS.authorsPerPost) {
    throw invalid(field, `${field} may hold at most ${LIMITS.authorsPerPost} authors (got ${unique.length})`);
  }
  for (const slug of unique) checkSlug(slug, field);
  return unique;
}

/** Gives post `postId` these authors, in this order; an unknown slug is BAD_USER_INPUT naming it. */
export async function setPostAuthors(tx: Transaction, postId: number, slugs: readonly string[]): Promise<void> {
  const found = await tx.author.findMany({ where: { slug: { in: [...slugs] } }, select: { id: true, slug: true } });
  const ids = new Map(found.map((author) => [author.slug, author.id]));
  const unknown = slugs.filter((slug) => !ids.has(slug));
  if (unknown.length > 0) {
    throw invalid('authors', `There is no author ${unknown.map((slug) => `"${slug}"`).join(', ')}; create it with upsertAuthor first`);
  }
  await tx.postAuthor.deleteMany({ where: { postId } });
  await tx.postAuthor.createMany({ data: slugs.map((slug, position) => ({ postId, authorId: ids.get(slug)!, position })) });
}

function checkLength(text: string, field: string, max: number): string {
  const trimmed = text.trim();
  if (!trimmed) throw invalid(field, `${field} must not be empty`);
  if ([...trimmed].length > max) throw invalid(field, `${field} must be at most ${max} characters (got ${[...trimmed].length})`);
  return trimmed;
}

function optionalText(text: string | null, field: string, max: number): string | null {
  return text?.trim() ? checkLength(text, field, max) : null;
}



async function checkImage(db: Database, id: number | null): Promise<number | null> {
  if (id === null) return null;
  const image = await db.prisma.image.findUnique({ where: { id }, select: { id: true } });
  if (!image) throw invalid('avatarId', 'avatarId names no image; upload one with uploadImage and pass its id');
  return id;
}

/** Makes `author` the author of every post that has none, creating the author if missing. */
export async function bylineAuthorlessPosts(db: Database, author: { slug: string; name: string; bio?: string }): Promise<void> {
  const { id } = await db.prisma.author.upsert({ where: { slug: author.slug }, create: author, update: {}, select: { id: true } });
  const posts = await db.prisma.post.findMany({ where: { authors: { none: {} } }, select: { id: true } });
  await db.prisma.postAuthor.createMany({ data: posts.map((post) => ({ postId: post.id, authorId: id, position: 0 })), skipDuplicates: true });
}
