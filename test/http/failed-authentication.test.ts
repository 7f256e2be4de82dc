import http from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/tokens.js';
import { listen, type RunningServer } from '../../src/http/server.js';
import { createFolioYoga } from '../../src/http/yoga.js';
import { TestApp } from '../support/app.js';

// Over a real socket, from several loopback addresses (Linux routes all of 127/8 to lo), so
// that the server sees clients at different addresses.
let app: TestApp;
let server: RunningServer;
let validToken: string;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  app = await TestApp.start();
  validToken = (await app.authorHeaders()).authorization!.slice('Bearer '.length);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  const yoga = createFolioYoga({ db: app.db, logger: pino({ level: 'info', base: undefined }, sink) });
  server = await listen(yoga, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
  await app?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

function ask(from: string, token: string | null): Promise<Answer> {
  const body = JSON.stringify({ query: '{ posts { totalCount } }' });
  const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const request = http.request(server.url, { method: 'POST', headers, localAddress: from, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          retryAfter: response.headers['retry-after'],
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const failuresLogged = () => logLines.filter((line) => line.msg === 'authentication failed');

describe('failed authentication', () => {
  const wrongToken = `folio_${'x'.repeat(43)}`;

  it('is logged with the address and a hash prefix, never the token', async () => {
    const answer = await ask('127.0.0.2', wrongToken);
    expect(answer.status).toBe(401);
    expect(failuresLogged()).toEqual([
      expect.objectContaining({ level: 40, client: '127.0.0.2', reason: 'unknown or revoked token', tokenHash: hashToken(wrongToken).slice(0, 12) }),
    ]);
    expect(JSON.stringify(logLines)).not.toContain(wrongToken);
    expect(JSON.stringify(logLines)).not.toContain('x'.repeat(20));
  });

  it('makes an address that keeps failing wait, answering 429 with Retry-After, while others go on', async () => {
    for (let n = 2; n <= 5; n++) expect((await ask('127.0.0.2', wrongToken)).status).toBe(401);
    // The sixth failure in a row starts the wait.
    expect((await ask('127.0.0.2', wrongToken)).status).toBe(401);
    expect(failuresLogged().at(-1)).toMatchObject({ client: '127.0.0.2', waitSeconds: 1 });

    const refused = await ask('127.0.0.2', validToken);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused.body.errors?.[0]?.message).toMatch(/Too many failed authentications.*try again in 1 s/);
    expect(failuresLogged()).toHaveLength(6);

    expect((await ask('127.0.0.3', validToken)).status).toBe(200);
    expect((await ask('127.0.0.2', null)).status).toBe(200);

    const deadline = Date.now() + 5_000;
    let answer = refused;
    while (answer.status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await ask('127.0.0.2', validToken);
    }
    expect(answer.status).toBe(200);
  });

  it('says a placeholder is no token, without making the address wait for it', async () => {
    for (let n = 0; n < 8; n++) {
      const answer = await ask('127.0.0.4', '<token>');
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.message).toMatch(/^`<token>` is not a Folio token .*npm run token -- create/);
    }
    expect(failuresLogged().filter((line) => line.client === '127.0.0.4')).toHaveLength(8);
    expect((await ask('127.0.0.4', validToken)).status).toBe(200);
  });
});
