import type { IncomingMessage } from 'node:http';

/**
 * A request's whole body, counted as it arrives: null as soon as it passes `limit` bytes, the
 * rest left unread. Rejects when the client goes away before the end.
 */
export function readBodyWithin(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.off('end', onEnd);
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, length));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', reject);
  });
}
