import type { Readable } from 'node:stream';

/**
 * Where image files live, by key ("<hash>/original", "<hash>/640.webp"). The filesystem store
 * is the one Folio ships; an object store can take its place by answering the same calls.
 */
export interface MediaStore {
  /** Stores `data` under `key` so that no reader ever sees it half written. */
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** The size of what `key` holds, or null when it holds nothing. */
  size(key: string): Promise<number | null>;
  exists(key: string): Promise<boolean>;
  /** Removes every key that starts with `prefix` followed by "/" (all the files of one image). */
  deleteAll(prefix: string): Promise<void>;
  /** The bytes under `key` as a stream, or null when there are none. */
  stream(key: string): Promise<Readable | null>;
}

// Keys are built by Folio from a SHA-256 and a fixed name; anything else is refused, so no key
// (and no URL mapped onto one) can reach outside the store.
const KEY = /^[0-9a-f]{64}(\/[a-z0-9]+(\.[a-z0-9]+)?)?$/;

export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Not a media key: ${JSON.stringify(key.slice(0, 100))}`);
  return key;
}
