import Router from '@koa/router';
import { HttpError } from '../http/http-error.js';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { EventBus } from '../events.js';
import { messageSummary } from '../store/message-summary.js';
import type { Store } from '../store/store.js';
import { findMessage } from './find-message.js';
import { inlineCidImages } from './inline-cid-images.js';
import { listMailboxes } from './list-mailboxes.js';
import { listPhones } from './list-phones.js';
import { parseLimit, parseMessageFilter } from './message-query.js';
import { controlOpenApi } from './openapi.js';
import { writeRaw } from './write-raw.js';
import { writeSandboxedHtml } from './write-sandboxed-html.js';
import { createMessageWaiter } from './create-message-waiter.js';
import { waitRoute } from './wait-route.js';
import type { Clock } from '../clock.js';
import type { Delivery } from '../delivery/delivery.js';
import type { Scheduler } from '../delivery/scheduler.js';
import { clockRoute } from './clock-route.js';
import { addFaultRoutes } from './fault-routes.js';
import { phoneRoute } from './phone-route.js';

export interface ControlRouterDeps {
  store: Store;
  version: string;
  startedAt: number;
  events: EventBus;
  clock: Clock;
  scheduler: Scheduler;
  delivery: Delivery;
  /** Connected event-stream clients (health); absent when the app runs without the stream. */
  eventClients?: () => number;
}

/** The emulator's own API under `/_emulator` (product §4). Routes read top to bottom like a table. */
export function controlRouter(deps: ControlRouterDeps): Router {
  const { store } = deps;
  const router = new Router({ prefix: '/_emulator' });
  const openApi = JSON.stringify(controlOpenApi(deps.version), null, 2);
  // Every message, newest first: phones and mailboxes are derived from the messages, not stored apart.
  const all = Number.MAX_SAFE_INTEGER;
  const waiter = createMessageWaiter({ store, events: deps.events });

  router.get('/health', (ctx) => {
    writeJson(ctx, 200, {
      status: 'ok',
      version: deps.version,
      uptimeMs: Date.now() - deps.startedAt,
      cursor: store.cursor,
      counts: store.counts(),
      waiters: waiter.count,
      eventClients: deps.eventClients?.() ?? 0,
    });
  });

  router.get('/messages', (ctx) => {
    const items = store.listMessages(parseMessageFilter(ctx.query), parseLimit(ctx.query)).map(messageSummary);
    writeJson(ctx, 200, { items, cursor: store.cursor });
  });

  // Before `/messages/:id`, which would take `wait` for an id.
  router.get('/messages/wait', waitRoute({ store, waiter }));

  // `latest` is the newest message matching the same filters as the list.
  router.get('/messages/:id', (ctx) => writeJson(ctx, 200, findMessage(store, ctx.params.id, ctx.query)));

  router.get('/messages/:id/raw', (ctx) => writeRaw(ctx, findMessage(store, ctx.params.id, ctx.query)));

  // Plain-text email has no HTML to show: the UI renders its text itself, escaped, rather than an HTML wrapping of it.
  router.get('/messages/:id/html', (ctx) => {
    const message = findMessage(store, ctx.params.id, ctx.query);
    if (message.html === null) throw controlProblem(404, 'No HTML body', `Message "${message.id}" has no HTML body.`);
    writeSandboxedHtml(ctx, inlineCidImages(message.html, message.attachments));
  });

  router.delete('/messages', async (ctx) => {
    const ids = await store.deleteMessages(parseMessageFilter(ctx.query));
    writeJson(ctx, 200, { deleted: ids.length, cursor: store.cursor });
  });

  // Everything back to empty: messages, orders, idempotency, phones, faults, and the clock (back to real time).
  router.post('/reset', async (ctx) => {
    deps.delivery.clear();
    await store.reset();
    deps.clock.restore(store.clockSetting());
    await deps.scheduler.runDue(); // re-arms the timer for what is left (a pending gateway latency) on the new time
    await store.setClock(deps.clock.setting(), deps.clock.view()); // `clock.changed`: a clock on show is live again
    writeJson(ctx, 200, { status: 'reset', cursor: store.cursor });
  });

  // `{items, cursor}` like the message list, so a client reads every collection the same way.
  router.get('/phones', (ctx) => {
    writeJson(ctx, 200, { items: listPhones(store.listMessages({ channel: 'sms' }, all), store.phones()), cursor: store.cursor });
  });

  router.put('/phones/:number', phoneRoute(deps));

  router.get('/mailboxes', (ctx) => {
    writeJson(ctx, 200, { items: listMailboxes(store.listMessages({ channel: 'email' }, all)), cursor: store.cursor });
  });

  router.get('/clock', (ctx) => writeJson(ctx, 200, deps.clock.view()));
  router.post('/clock', clockRoute(deps));

  addFaultRoutes(router, deps);

  // The event stream is a websocket (upgraded before Koa sees it); a plain GET is told so, rather than "not found".
  router.get('/events', () => {
    const { body } = controlProblem(426, 'Upgrade Required', 'The event stream is a WebSocket: connect to ws://<host>/_emulator/events (see x-websockets in openapi.json).');
    throw new HttpError(426, body, { Upgrade: 'websocket', Connection: 'Upgrade' });
  });

  router.get('/openapi.json', (ctx) => {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = openApi;
  });

  return router;
}
