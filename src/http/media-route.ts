import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Database } from '../db/client.js';
import { imageByHash, type ImageRow } from '../db/queries/images.js';
import { contentTypeOf, extensionOf, formatOfExtension, type OriginalFormat, type VariantFormat } from '../media/formats.js';
import type { MediaLibrary } from '../media/library.js';
import { originalKey } from '../media/variants.js';

// A file's URL names its content (the original's hash, a width and a format), so it never changes.
const CACHE_FOREVER = 'public, max-age=31536000, immutable';
// The only paths there are: anything else, "..", encoded slashes and all, is simply not found.
const MEDIA_PATH = /^\/media\/([0-9a-f]{64})\/(original|[1-9][0-9]{0,4})\.([a-z]+)$/;

/** Answers /media/... requests (GET and HEAD); returns false for any other path. */
export function answerMedia(request: IncomingMessage, response: ServerResponse, db: Database, media: MediaLibrary): boolean {
  const path = (request.url ?? '').split('?', 1)[0]!;
  if (!path.startsWith('/media/')) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Media files are read with GET or HEAD\n');
    return true;
  }
  serveMediaFile(path, request, response, db, media).catch(() => {
    if (response.headersSent) response.destroy();
    else response.writeHead(500, { 'content-type': 'text/plain' }).end('The file could not be read\n');
  });
  return true;
}

async function serveMediaFile(path: string, request: IncomingMessage, response: ServerResponse, db: Database, media: MediaLibrary) {
  const match = MEDIA_PATH.exec(path);
  const image = match ? await imageByHash(db, match[1]!) : null;
  const file = match && image ? await fileOf(image, match[2]!, match[3]!, media) : null;
  const size = file && (await media.store.size(file.key));
  if (!file || size == null) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('No such media file\n');
    return;
  }
  const etag = `"${image!.hash}-${match![2]}.${match![3]}"`;
  const headers = { 'cache-control': CACHE_FOREVER, etag, 'x-content-type-options': 'nosniff' };
  if (matchesEtag(request.headers['if-none-match'], etag)) {
    response.writeHead(304, headers).end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': size });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = await media.store.stream(file.key);
  if (!stream) throw new Error(`${file.key} vanished while being served`);
  await pipeline(stream, response);
}

/** The store key and type of `<name>.<extension>` of the image, making a variant on its first request. */
async function fileOf(image: ImageRow, name: string, extension: string, media: MediaLibrary) {
  const format = formatOfExtension(extension);
  if (!format) return null;
  if (name === 'original') {
    if (extensionOf(image.format as OriginalFormat) !== extension) return null;
    return { key: originalKey(image.hash), contentType: contentTypeOf(format) };
  }
  if (format === 'gif') return null;
  const key = await media.variant(image, Number(name), format satisfies VariantFormat);
  return key && { key, contentType: contentTypeOf(format) };
}

/** If-None-Match compares weakly (RFC 9110): W/ is ignored, and * matches any file that exists. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(/\s*,\s*/).some((tag) => tag === '*' || tag.replace(/^W\//, '') === etag);
}
