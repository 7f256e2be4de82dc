import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Representation } from './answer-store.js';
import { CONTENT_CODINGS, type ContentCoding } from './negotiation.js';

// Smaller answers gain less from compression than the header and the work cost.
const COMPRESS_FROM_BYTES = 1024;

const compressors: Record<ContentCoding, (body: Buffer) => Promise<Buffer>> = {
  // Quality 5 compresses JSON nearly as well as the slow default (11) at a small part of its cost.
  br: (body) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body) => promisify(gzip)(body),
};

export function representationOf(body: Buffer): Representation {
  return { body, etag: strongEtag(body) };
}

/**
 * The body in the given codings (every coding unless told), off the main thread; none when the
 * body is too small to be worth it.
 */
export async function encodedRepresentations(body: Buffer, codings: readonly ContentCoding[] = CONTENT_CODINGS): Promise<Partial<Record<ContentCoding, Representation>>> {
  if (body.length < COMPRESS_FROM_BYTES) return {};
  const encoded = await Promise.all(codings.map(async (coding) => [coding, representationOf(await compressors[coding](body))] as const));
  return Object.fromEntries(encoded);
}

/** A strong entity tag: a hash of exactly the bytes sent, so each coding has its own. */
function strongEtag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this tag, by the weak comparison RFC 9110 13.1.2 asks for. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
