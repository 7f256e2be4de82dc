// npm run webhook -- add --url <url> [--events <types>] | list | remove <id> | deliveries [--webhook <id>] [--failed]
import { listWebhookDeliveries, listWebhooks, webhookById } from '../db/queries/webhooks.js';
import { ContentError } from '../editing/errors.js';
import { EVENT_TYPES } from '../webhooks/event-types.js';
import { createWebhook, deleteWebhook } from '../webhooks/registry.js';
import { parseCommandLine, runCommand, UsageError } from './run-command.js';
import { withDatabase } from './with-database.js';

// How many deliveries `deliveries` shows, newest first.
const DELIVERIES_SHOWN = 50;

const USAGE = `Usage:
  npm run webhook -- add --url <url> [--events <type,type,...>]
                                          add a webhook and print its signing secret (shown only this once)
      --events    the events to send (default: all): ${EVENT_TYPES.join(', ')}
  npm run webhook -- list                 list webhooks: id, url, events, created
  npm run webhook -- remove <id>          remove a webhook and its delivery log
  npm run webhook -- deliveries [--webhook <id>] [--failed]
                                          the last ${DELIVERIES_SHOWN} deliveries, newest first; --failed: only those given up`;

await runCommand(async () => {
  const { positionals, values } = parseCommandLine(
    {
      allowPositionals: true,
      options: { url: { type: 'string' }, events: { type: 'string' }, webhook: { type: 'string' }, failed: { type: 'boolean' } },
    },
    USAGE,
  );
  const [command, ...rest] = positionals;
  switch (command) {
    case 'add': {
      if (!values.url) throw new UsageError(`add needs --url <url>\n\n${USAGE}`);
      const url = values.url;
      const events = values.events ? values.events.split(',').map((event) => event.trim()).filter(Boolean) : [];
      const { id, secret } = await withDatabase((db) => createWebhook(db, { url, events }));
      console.log(`Added webhook ${id}, sent ${events.length ? events.join(', ') : 'every event'}. Its signing secret, shown only this once:\n\n  ${secret}\n`);
      console.log('Receivers verify each request with it (see README, Webhooks).');
      return;
    }
    case 'list': {
      const webhooks = await withDatabase(listWebhooks);
      if (webhooks.length === 0) return console.log('No webhooks yet. Add one with: npm run webhook -- add --url <url>');
      console.table(
        webhooks.map((webhook) => ({
          id: webhook.id,
          url: webhook.url,
          events: webhook.events.length ? webhook.events.join(', ') : 'all',
          created: webhook.createdAt.toISOString(),
        })),
      );
      return;
    }
    case 'remove': {
      const id = webhookId(rest[0], 'remove needs the webhook’s id');
      const removed = await withDatabase((db) => deleteWebhook(db, id));
      if (!removed) throw noWebhook(id);
      console.log(`Removed webhook ${id} and its delivery log; nothing more is sent to it.`);
      return;
    }
    case 'deliveries': {
      const id = values.webhook === undefined ? undefined : webhookId(values.webhook, '--webhook needs a webhook’s id');
      const filter = { webhookId: id, state: values.failed ? ('FAILED' as const) : undefined };
      const deliveries = await withDatabase(async (db) => {
        if (id !== undefined && !(await webhookById(db, id))) throw noWebhook(id);
        return listWebhookDeliveries(db, { filter, window: { after: null, before: null, fromEnd: false }, limit: DELIVERIES_SHOWN });
      });
      if (deliveries.length === 0) return console.log(values.failed ? 'No failed deliveries.' : 'No deliveries yet.');
      console.table(
        deliveries.map((delivery) => ({
          'webhook-id': `msg_${delivery.id}`,
          webhook: delivery.webhookId,
          event: delivery.eventType,
          state: delivery.state,
          attempts: delivery.attempts,
          status: delivery.lastStatus ?? '-',
          error: delivery.lastError ?? '-',
          'next attempt': delivery.state === 'PENDING' ? delivery.nextAttemptAt.toISOString() : '-',
        })),
      );
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"\n\n${USAGE}` : USAGE);
  }
});

function webhookId(raw: string | undefined, missing: string): number {
  if (raw === undefined) throw new UsageError(`${missing} (see npm run webhook -- list)\n\n${USAGE}`);
  if (!/^[1-9][0-9]{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new UsageError(`A webhook id is a number, as npm run webhook -- list shows it (got "${raw}")`);
  return Number(raw);
}

function noWebhook(id: number): ContentError {
  return new ContentError('NOT_FOUND', `There is no webhook ${id} (see npm run webhook -- list)`);
}
