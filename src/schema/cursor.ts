import { badUserInput } from '../request/errors.js';

/**
 * Opaque cursors: base64url of a JSON array that starts with the ordering it belongs to, so a
 * cursor from one ordering is refused by another instead of silently landing somewhere else.
 */
export type CursorKey = (Date | number | string)[];

export interface CursorFormat {
  /** The ordering's name, e.g. "NEWEST". */
  ordering: string;
  encode(key: CursorKey): string;
  /** Reads a cursor given as `argument`; throws BAD_USER_INPUT when it is not one of ours. */
  decode(cursor: string, argument: string): CursorKey;
}

type FieldKind = 'date' | 'int' | 'float' | 'string';

/**
 * A cursor whose key is a tuple of values of the given kinds: the sort key of a row. `chosenBy`
 * says whether the field's `orderBy` argument picks this ordering, or the field has only this one.
 */
export function tupleCursor(ordering: string, fields: readonly FieldKind[], chosenBy: 'orderBy' | 'field' = 'orderBy'): CursorFormat {
  const returnedBy = chosenBy === 'orderBy' ? `this field with orderBy: ${ordering}` : 'this field';
  return {
    ordering,
    encode(key) {
      const values = key.map((value) => (value instanceof Date ? value.toISOString() : value));
      return Buffer.from(JSON.stringify([ordering, ...values])).toString('base64url');
    },
    decode(cursor, argument) {
      const values = parseCursor(cursor);
      const refuse = (why: string) =>
        badUserInput(
          argument,
          `\`${argument}\` ${why}; pass a cursor returned by ${returnedBy} (pageInfo.endCursor, pageInfo.startCursor or an edge's cursor)`,
        );
      if (!values) throw refuse('is not a valid cursor');
      if (values[0] !== ordering) {
        throw refuse(typeof values[0] === 'string' && chosenBy === 'orderBy' ? `is a cursor for orderBy: ${values[0]}` : 'is not a valid cursor');
      }
      const rest = values.slice(1);
      if (rest.length !== fields.length) throw refuse('is not a valid cursor');
      const decoded = rest.map((value, index) => decodeField(fields[index]!, value));
      if (decoded.some((value) => value === undefined)) throw refuse('is not a valid cursor');
      return decoded as CursorKey;
    },
  };
}
function parseCursor(cursor: string): unknown[] | null {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

// Keys are compared with PostgreSQL int4, real, timestamptz and text columns: a value those
// types cannot hold would fail in the database instead of finding its place.
const INT4_MAX = 2_147_483_647;
const REAL_MAX = 3.4028234663852886e38;
const REAL_MIN_NORMAL = 1.1754943508222875e-38;

function decodeField(kind: FieldKind, value: unknown): Date | number | string | undefined {
  switch (kind) {
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const date = new Date(value);
      // The years a DateTime can spell, which every date the API stores has.
      const year = date.getUTCFullYear();
      return year >= 1 && year <= 9999 ? date : undefined;
    }
    case 'int':
      return Number.isInteger(value) && Math.abs(value as number) <= INT4_MAX ? (value as number) : undefined;
    case 'float': {
      if (typeof value !== 'number') return undefined;
      const magnitude = Math.abs(value);
      return value === 0 || (magnitude >= REAL_MIN_NORMAL && magnitude <= REAL_MAX) ? value : undefined;
    }
    case 'string':
      return typeof value === 'string' && !value.includes('\u0000') ? value : undefined;
  }
}
