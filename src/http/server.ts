import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FolioYoga } from './yoga.js';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

// A request body larger than this is refused before it is read; a GraphQL query is far smaller.
const MAX_BODY_BYTES = 1_100_000;

export async function listen(yoga: FolioYoga, port: number, host: string): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_BODY_BYTES) {
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: `Request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: 'BAD_USER_INPUT' } }] }));
      return;
    }
    void yoga.handle(request, response);
  });
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { url: urlOf(server, host), close: () => closeServer(server) };
}

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shownHost}:${port}/graphql`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
