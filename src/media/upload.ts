import { badUserInput } from '../request/errors.js';

/**
 * The bytes of an uploaded file, read chunk by chunk and given up on as soon as they pass
 * `maxBytes`, so an oversized file is refused without being held whole.
 */
export async function readUpload(file: Blob, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    badUserInput('file', `The file is larger than ${maxBytes} bytes (MAX_UPLOAD_BYTES); upload a smaller or more compressed image`);
  if (file.size > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  if (total === 0) throw badUserInput('file', 'The file is empty; upload an image');
  return Buffer.concat(chunks);
}
