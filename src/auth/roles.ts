import type { ContentKind, Role } from '../db/generated/prisma/enums.js';

// Who may do what: the one place that decides. Each role includes the ones below it. Pure, so the
// rules can be read (and tested) apart from the database; src/schema/authoring.ts applies them
// to a request.

const RANK: Record<Role, number> = { CONTRIBUTOR: 0, AUTHOR: 1, EDITOR: 2, ADMIN: 3 };

/** The acting token: its role and the author it writes as (null for tokens older than authors). */
export interface Actor {
  role: Role;
  authorId: number | null;
}

/** What a post-level check needs to know of the post. */
export interface PostState {
  authorIds: readonly number[];
  /** Published or scheduled: status PUBLISHED, whatever its date. */
  published: boolean;
  kind: ContentKind;
}

export type PostAction = 'edit' | 'publish' | 'delete';

export function hasRole(actor: Actor, needed: Role): boolean {
  return RANK[actor.role] >= RANK[needed];
}

/** Whether the actor is among the post's authors. */
export function ownsPost(actor: Actor, post: PostState): boolean {
  return actor.authorId !== null && post.authorIds.includes(actor.authorId);
}

/**
 * Why `actor` may not do `action` to `post`, naming the role that could; null when it may.
 * EDITOR and ADMIN act on every post. AUTHOR edits, publishes and deletes their own.
 * CONTRIBUTOR edits and deletes their own drafts, and never publishes (as in Ghost).
 */
export function postRefusal(actor: Actor, action: PostAction, post: PostState): string | null {
  if (hasRole(actor, 'EDITOR')) return null;
  if (post.kind === 'PAGE') return pageRefusal(actor);
  const others = `Changing other authors' posts takes the EDITOR role; this token is ${article(actor.role)}`;
  if (actor.role === 'CONTRIBUTOR') {
    if (action === 'publish') return `Publishing, scheduling and unpublishing take the AUTHOR role; this token is a CONTRIBUTOR`;
    if (!ownsPost(actor, post)) return others;
    if (post.published) return `A published post can be changed with the AUTHOR role (or EDITOR); this token is a CONTRIBUTOR`;
    return null;
  }
  return ownsPost(actor, post) ? null : others;
}

/** Why `actor` may not give a post the authors `authorSlugs` (a writer below EDITOR must stay on it); null when it may. */
export function authorsRefusal(actor: Actor & { authorSlug: string | null }, authorSlugs: readonly string[]): string | null {
  if (hasRole(actor, 'EDITOR') || (actor.authorSlug !== null && authorSlugs.includes(actor.authorSlug))) return null;
  return `authors must include your own author ("${actor.authorSlug}"): leaving a post to others takes the EDITOR role; this token is ${article(actor.role)}`;
}

/** Why `actor` may not write pages, which belong to the site rather than to an author; null when it may. */
export function pageRefusal(actor: Actor): string | null {
  return hasRole(actor, 'EDITOR') ? null : `Pages take the EDITOR role; this token is ${article(actor.role)}`;
}

/** Why `actor` may not set a new post's status to PUBLISHED; null when it may. */
export function publishOnCreateRefusal(actor: Actor): string | null {
  return hasRole(actor, 'AUTHOR') ? null : 'Publishing or scheduling a post takes the AUTHOR role; this token is a CONTRIBUTOR: create it as a DRAFT';
}

/** Why `actor` may not edit the author profile `authorId` (null: a new author); null when it may. */
export function authorProfileRefusal(actor: Actor, authorId: number | null): string | null {
  if (hasRole(actor, 'EDITOR') || (authorId !== null && actor.authorId === authorId)) return null;
  return `Editing authors other than your own takes the EDITOR role; this token is ${article(actor.role)}`;
}

/** The role with its article, for messages: "a CONTRIBUTOR", "an EDITOR". */
export function article(role: Role): string {
  return `${role === 'CONTRIBUTOR' ? 'a' : 'an'} ${role}`;
}
