import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListeningServer {
  /** The origin, e.g. http://127.0.0.1:4100. */
  origin: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 for any free port) and closes the server, then `release`, on close. */
export async function listenOn(
  server: Server,
  address: { port: number; host: string },
  release: () => Promise<void>,
): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${address.host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await release();
    },
  };
}
