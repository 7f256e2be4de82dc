import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// `npm run webhook` as a user runs it, in processes of its own, against a database of the test's.
const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
let database: TestDatabase;
let db: Database;

async function webhook(args: string[]) {
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/webhook.ts', ...args], { env: { ...process.env, DATABASE_URL: database.url } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Database(database.url);
});

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe('npm run webhook', () => {
  it('adds a webhook, printing its secret once, lists it and removes it', async () => {
    const added = await webhook(['add', '--url', 'https://example.com/hooks', '--events', 'post.published,post.deleted']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/Added webhook \d+, sent post.published, post.deleted\. Its signing secret, shown only this once:\s+whsec_[A-Za-z0-9+/]{32}\n/);
    const stored = await db.prisma.webhook.findFirstOrThrow({ where: { url: 'https://example.com/hooks' } });
    expect(added.stdout).toContain(stored.secret);
    expect(stored.events).toEqual(['post.published', 'post.deleted']);

    const listed = await webhook(['list']);
    expect(listed.stdout).toMatch(new RegExp(`${stored.id}.*https://example.com/hooks.*post.published, post.deleted`));
    expect(listed.stdout).not.toContain(stored.secret);

    expect((await webhook(['remove', String(stored.id)])).stdout).toMatch(`Removed webhook ${stored.id}`);
    expect(await db.prisma.webhook.count()).toBe(0);
    const again = await webhook(['remove', String(stored.id)]);
    expect(again).toMatchObject({ code: 1, stderr: `Error: There is no webhook ${stored.id} (see npm run webhook -- list)\n` });
  }, 120_000); // Each command is a fresh tsx process: slow on a busy machine.

  it('shows the delivery log, or only the deliveries given up', async () => {
    const hook = await db.prisma.webhook.create({ data: { url: 'https://example.com/log', secret: 'whsec_AAAA' } });
    const data = { webhookId: hook.id, eventType: 'tag.created', payload: '{}' };
    const sent = await db.prisma.webhookDelivery.create({ data: { ...data, eventId: 1, eventSeq: 1, state: 'DELIVERED', attempts: 1, lastStatus: 200 } });
    const given = await db.prisma.webhookDelivery.create({
      data: { ...data, eventId: 2, eventSeq: 2, state: 'FAILED', attempts: 9, lastStatus: 500, lastError: 'The receiver answered HTTP 500; it must answer 2xx' },
    });

    const all = await webhook(['deliveries', '--webhook', String(hook.id)]);
    expect(all.stdout).toMatch(new RegExp(`msg_${given.id}.*tag.created.*FAILED.*9.*500.*The receiver answered HTTP 500`));
    expect(all.stdout).toMatch(new RegExp(`msg_${sent.id}.*DELIVERED`));
    const failed = await webhook(['deliveries', '--failed']);
    expect(failed.stdout).toMatch(`msg_${given.id}`);
    expect(failed.stdout).not.toMatch(`msg_${sent.id} `);
  }, 120_000);

  it('explains bad input', async () => {
    expect(await webhook(['add'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^add needs --url <url>/) });
    const ftp = await webhook(['add', '--url', 'ftp://example.com/']);
    expect(ftp).toMatchObject({ code: 1, stderr: 'Error: url must start with http:// or https:// (got "ftp:")\n' });
    const event = await webhook(['add', '--url', 'https://example.com/', '--events', 'post.liked']);
    expect(event).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Error: Unknown event type "post.liked"; the types are post.published, /) });
    expect(await webhook(['remove', 'seven'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/A webhook id is a number.*"seven"/) });
    expect(await webhook(['deliveries', '--webhook', '999'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/There is no webhook 999/) });
    expect(await webhook(['ping'])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown command "ping"[\s\S]*npm run webhook -- add/) });
    expect(await db.prisma.webhook.count({ where: { url: { startsWith: 'ftp' } } })).toBe(0);
  }, 120_000);
});
