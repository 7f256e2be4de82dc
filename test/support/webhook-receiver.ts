import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Decides the status of an answer; may take its time, as a slow receiver does. */
export type Responder = (request: ReceivedRequest, received: readonly ReceivedRequest[]) => number | Promise<number>;

/** An HTTP server on a free port of 127.0.0.1 that records every request and answers as `respond` says. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(respond: Responder = () => 204): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const received = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      receiver!.requests.push(received);
      response.statusCode = await respond(received, receiver!.requests);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
    return receiver;
  }

  /** The webhook-id of each request, in the order they came. */
  messageIds(): string[] {
    return this.requests.map((request) => String(request.headers['webhook-id']));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `condition` holds, checking every 20 ms; fails after `timeoutMs`, saying what it waited for. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
