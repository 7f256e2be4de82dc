import type DataLoader from 'dataloader';
import { type Actor, article, hasRole, type PostAction, postRefusal } from '../auth/roles.js';
import type { TokenHolder } from '../auth/tokens.js';
import { postAccessState } from '../db/queries/authors.js';
import type { ContentKind, Role } from '../db/generated/prisma/enums.js';
import type { RequestContext } from '../request/context.js';
import { ClientError, unauthenticated } from '../request/errors.js';

/** Every mutation starts here: writing takes an API token. Answers the token's holder. */
export function requireToken(context: RequestContext): TokenHolder & Actor {
  if (context.viewer.kind === 'preview') {
    throw forbidden('A preview token only shows its one post and cannot change content; send `Authorization: Bearer <token>` instead');
  }
  if (context.viewer.kind !== 'token') {
    throw unauthenticated('Changing content takes an API token: send the header `Authorization: Bearer <token>`');
  }
  return context.viewer;
}

/**
 * A token whose role is `role` or above, else FORBIDDEN naming the role; `purpose` says what it
 * is needed for, e.g. requireRole(context, 'ADMIN', 'Changing the site settings').
 */
export function requireRole(context: RequestContext, role: Role, purpose: string): TokenHolder & Actor {
  const holder = requireToken(context);
  if (!hasRole(holder, role)) throw forbidden(`${purpose} takes the ${role} role; this token is ${article(holder.role)}`);
  return holder;
}

/**
 * A token that may do `action` to the post or page `postId` of `kind` (see src/auth/roles.ts):
 * NOT_FOUND when there is none, or it is of the other kind (a post's id names no page);
 * FORBIDDEN naming the role needed when the token's role does not reach.
 */
export async function requirePostAccess(
  context: RequestContext,
  postId: number,
  action: PostAction,
  kind: ContentKind = 'POST',
): Promise<TokenHolder & Actor> {
  const holder = requireToken(context);
  const post = await postAccessState(context.db, postId);
  if (!post) throw new ClientError('NOT_FOUND', 'There is no post with this id (it may have been deleted)', { field: 'id' });
  if (post.kind !== kind) {
    const type = kind === 'PAGE' ? 'Page' : 'Post';
    throw new ClientError('NOT_FOUND', `There is no ${type} with this id; pass the id the ${type} was answered with`, { argument: 'id' });
  }
  const refusal = postRefusal(holder, action, post);
  if (refusal) throw forbidden(refusal);
  return holder;
}

export function forbidden(message: string): ClientError {
  return new ClientError('FORBIDDEN', message);
}

/**
 * What a mutation answers with: the record as it is after the change, read as queries read it.
 * The request's loader may hold it from before the change, so it is read afresh.
 */
export async function changedRecord<Row>(loader: DataLoader<number, Row | null>, id: number, type: string): Promise<Row> {
  const row = await loader.clear(id).load(id);
  if (!row) throw new ClientError('NOT_FOUND', `The ${type} was deleted before the answer was read`);
  return row;
}
