import { badUserInput } from './errors.js';

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

/** A cursor whose key is a tuple of values of the given kinds: the sort key of a row. */
export function tupleCursor(ordering: string, fields: readonly FieldKind[]): CursorFormat {
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
          `\`${argument}\` ${why}; pass a cursor returned by this field with orderBy: ${ordering} (pageInfo.endCursor, pageInfo.startCursor or an edge's cursor)`,
        );
      if (!values) throw refuse('is not a valid cursor');
      if (values[0] !== ordering) {
        throw refuse(typeof values[0] === 'string' ? `is a cursor for orderBy: ${values[0]}` : 'is not a valid cursor');
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

function decodeField(kind: FieldKind, value: unknown): Date | number | string | undefined {
  switch (kind) {
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
    case 'int':
      return Number.isSafeInteger(value) ? (value as number) : undefined;
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
  }
}
