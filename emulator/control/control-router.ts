import Router from '@koa/router';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { Store } from '../store/store.js';
import { parseLimit, parseMessageFilter } from './message-query.js';

export interface ControlRouterDeps {
  store: Store;
  version: string;
  startedAt: number;
}

/** The emulator's own API under `/_emulator` (product §4). Routes read top to bottom like a table. */
export function controlRouter(deps: ControlRouterDeps): Router {
  const { store } = deps;
  const router = new Router({ prefix: '/_emulator' });

  router.get('/health', (ctx) => {
    writeJson(ctx, 200, {
      status: 'ok',
      version: deps.version,
      uptimeMs: Date.now() - deps.startedAt,
      cursor: store.cursor,
      counts: store.counts(),
    });
  });

  router.get('/messages', (ctx) => {
    const items = store.listMessages(parseMessageFilter(ctx.query), parseLimit(ctx.query));
    writeJson(ctx, 200, { items, cursor: store.cursor });
  });

  // `latest` is the newest message matching the same filters as the list.
  router.get('/messages/:id', (ctx) => {
    const id = ctx.params.id;
    const message = id === 'latest' ? (store.listMessages(parseMessageFilter(ctx.query), 1)[0] ?? null) : store.getMessage(id);
    if (!message) throw controlProblem(404, 'Message not found', id === 'latest' ? 'No message matches the filters.' : `No message has the id "${id}".`);
    writeJson(ctx, 200, message);
  });

  router.delete('/messages', async (ctx) => {
    const ids = await store.deleteMessages(parseMessageFilter(ctx.query));
    writeJson(ctx, 200, { deleted: ids.length, cursor: store.cursor });
  });

  router.post('/reset', async (ctx) => {
    await store.reset();
    writeJson(ctx, 200, { status: 'reset', cursor: store.cursor });
  });

  return router;
}
