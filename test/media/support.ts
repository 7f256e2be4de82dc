import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { FilesystemStore } from '../../src/media/filesystem-store.js';
import { MediaLibrary, type MediaLibraryOptions } from '../../src/media/library.js';
import { makeScratchDir } from '../support/test-server.js';
import type { GraphQLResponse, TestApp } from '../support/app.js';

/** A media library over a fresh folder, with the default limits unless told otherwise. */
export async function scratchLibrary(options: Partial<MediaLibraryOptions> = {}): Promise<MediaLibrary> {
  return new MediaLibrary({
    store: new FilesystemStore(await makeScratchDir('folio-media-')),
    maxUploadBytes: 20 * 1024 * 1024,
    maxImagePixels: 50_000_000,
    ...options,
  });
}

/** A real image: a gradient, so that each one (by `seed`) has bytes of its own. */
export function pictureOf(width: number, height: number, format: 'png' | 'jpeg' | 'webp' = 'png', seed = 0): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = seed % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).toFormat(format).toBuffer();
}

/**
 * A decompression bomb: a valid PNG of `side`×`side` black 1-bit pixels whose compressed data
 * is a few KB but which expands to side² pixels when decoded.
 */
export function decompressionBomb(side: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // each row: filter byte 0, then zero bits
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const UPLOAD = 'mutation($file: File!, $alt: String) { uploadImage(file: $file, alt: $alt) { id url width height alt placeholder } }';

/** Sends `bytes` as uploadImage's file, by the GraphQL multipart request spec, in-process. */
export async function upload(
  app: TestApp,
  bytes: Buffer,
  { headers = {}, alt, name = 'picture.png', query = UPLOAD }: { headers?: Record<string, string>; alt?: string; name?: string; query?: string } = {},
): Promise<GraphQLResponse> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { file: null, alt } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), name);
  // Encoded by Node's own fetch, as a client would send it over the wire.
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const contentType = encoded.headers.get('content-type')!;
  const response = await app.yoga.fetch('http://folio.test/graphql', { method: 'POST', headers: { ...headers, 'content-type': contentType }, body });
  return (await response.json()) as GraphQLResponse;
}
