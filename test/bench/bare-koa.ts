/**
 * The baseline of the bench: the barest Koa JSON endpoint, run as its own process.
 *
 *   node dist/test/bench/bare-koa.js --port P [--host 127.0.0.1]
 *
 * `POST /` reads a JSON body and answers 201 with two fresh uuids (the shape of the emulator's 201);
 * any `GET` answers 200 `{status:"ok"}` and is the readiness probe for the start-up measurement.
 * Koa with @koa/bodyparser and nothing else.
 */
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const port = Number(argValue('--port', '0'));
const host = argValue('--host', '127.0.0.1');

const app = new Koa();
app.use(bodyParser({ enableTypes: ['json'] }));
app.use((ctx) => {
  if (ctx.method === 'GET') {
    ctx.body = { status: 'ok' };
    return;
  }
  if (ctx.method === 'POST' && ctx.path === '/') {
    const body = ctx.request.body as { sendersReference?: unknown } | undefined;
    ctx.status = 201;
    ctx.body = {
      notificationOrderId: randomUUID(),
      notification: { shipmentId: randomUUID(), sendersReference: body?.sendersReference },
    };
    return;
  }
  ctx.status = 404;
});

const server = app.listen(port, host, () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  process.stdout.write(`bare-koa listening on http://${host}:${actual}\n`);
});

function shutdown(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
