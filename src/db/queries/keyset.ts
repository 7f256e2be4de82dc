import { Prisma } from '../generated/prisma/client.js';

/**
 * Keyset pagination over an ordering of SQL expressions that all run the same direction, the
 * last one unique (the id), so that a row comparison on the tuple finds the place of a cursor
 * through the index without counting the rows before it (no OFFSET).
 */
export interface KeysetOrdering {
  /** The sort expressions, most significant first; the last must make the order total. */
  columns: Prisma.Sql[];
  /** The direction of the reading order ("forward"). */
  direction: 'ASC' | 'DESC';
}

export interface KeysetWindow {
  after: unknown[] | null;
  before: unknown[] | null;
  /** Read from the end of the range (paging backward): the ORDER BY runs the other way. */
  fromEnd: boolean;
}

export function keysetConditions(ordering: KeysetOrdering, window: KeysetWindow): Prisma.Sql[] {
  const forwardOp = ordering.direction === 'DESC' ? '<' : '>';
  const backwardOp = ordering.direction === 'DESC' ? '>' : '<';
  const conditions: Prisma.Sql[] = [];
  if (window.after) conditions.push(rowComparison(ordering.columns, forwardOp, window.after));
  if (window.before) conditions.push(rowComparison(ordering.columns, backwardOp, window.before));
  return conditions;
}

export function keysetOrderBy(ordering: KeysetOrdering, window: Pick<KeysetWindow, 'fromEnd'>): Prisma.Sql {
  const reversed = ordering.direction === 'DESC' ? 'ASC' : 'DESC';
  const direction = Prisma.raw(window.fromEnd ? reversed : ordering.direction);
  return Prisma.join(
    ordering.columns.map((column) => Prisma.sql`${column} ${direction}`),
    ', ',
  );
}

function rowComparison(columns: Prisma.Sql[], operator: '<' | '>', values: unknown[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(columns, ', ')}) ${Prisma.raw(operator)} (${Prisma.join(values, ', ')})`;
}
