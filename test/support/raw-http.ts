import http from 'node:http';

export interface RawAnswer {
  status: number;
  /** Header names as sent, in order, with their values. */
  rawHeaders: [string, string][];
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  /** Written in these pieces with no Content-Length, so the body goes out chunked. */
  chunks?: (string | Buffer)[];
  body?: string;
}

/** One request over a socket, with the answer's headers exactly as they arrived and its body undecoded. */
export function rawRequest(url: string, { method = 'GET', headers = {}, chunks, body }: RawRequest = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (chunk: Buffer) => parts.push(chunk));
      response.on('end', () => {
        const rawHeaders: [string, string][] = [];
        for (let n = 0; n < response.rawHeaders.length; n += 2) rawHeaders.push([response.rawHeaders[n]!, response.rawHeaders[n + 1]!]);
        resolve({ status: response.statusCode!, rawHeaders, headers: response.headers, body: Buffer.concat(parts) });
      });
      response.on('error', reject);
    });
    // A server that refuses a body may close the connection while it is still being written.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    for (const chunk of chunks ?? []) request.write(chunk);
    request.end(body);
  });
}
