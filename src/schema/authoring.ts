import type DataLoader from 'dataloader';
import type { RequestContext } from '../request/context.js';
import { ClientError, unauthenticated } from '../request/errors.js';

/** Every mutation starts here: writing takes an API token. */
export function requireToken(context: RequestContext): void {
  if (context.viewer.kind !== 'token') {
    throw unauthenticated('Changing content takes an API token: send the header `Authorization: Bearer <token>`');
  }
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
