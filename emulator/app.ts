import Koa, { type Context, type Next } from 'koa';
import type { Clock } from './clock.js';
import { controlRouter } from './control/control-router.js';
import type { Delivery } from './delivery/delivery.js';
import type { Scheduler } from './delivery/scheduler.js';
import type { EventBus } from './events.js';
import { errorMiddleware } from './http/error-middleware.js';
import { hostCheck } from './http/host-check.js';
import { cors } from './http/cors.js';
import { controlProblem } from './http/problems.js';
import { writeEmpty } from './http/write-json.js';
import { notificationsRouter, refuseHeadAndOptions } from './notifications/notifications-router.js';
import type { EmulatorOptions } from './options.js';
import type { Store } from './store/store.js';

export interface AppDeps {
  options: EmulatorOptions;
  store: Store;
  delivery: Delivery;
  clock: Clock;
  scheduler: Scheduler;
  baseUrl: () => string;
  version: string;
  startedAt: number;
  log: (line: string) => void;
  /** The bus the store emits on: the long-poll (`/_emulator/messages/wait`) listens to it. */
  events: EventBus;
  /** Connected event-stream clients, for health; the stream is attached to the server after the app is built. */
  eventClients?: () => number;
}

/** The Koa app, built apart from listening so tests and in-process users can bind where they like. */
export function createApp(deps: AppDeps): Koa {
  const { options } = deps;
  const app = new Koa({ proxy: false });
  // Errors Koa sees outside the middleware (a client that hangs up mid-request) are one log line, not a stack.
  app.silent = true;
  app.on('error', (err: Error) => deps.log(`request error: ${err.message}`));
  const notifications = notificationsRouter({
    store: deps.store,
    delivery: deps.delivery,
    auth: { mode: options.auth, org: options.org },
    defaultSmsSender: options.defaultSmsSender,
    defaultEmailSender: options.defaultEmailSender,
    baseUrl: deps.baseUrl,
    log: deps.log,
    now: () => deps.clock.now(),
  });
  const control = controlRouter({
    store: deps.store,
    version: deps.version,
    startedAt: deps.startedAt,
    events: deps.events,
    clock: deps.clock,
    scheduler: deps.scheduler,
    delivery: deps.delivery,
    eventClients: deps.eventClients,
  });

  // 1. Errors: everything below throws, this renders (and never lets an error reach Koa's default handler).
  app.use(errorMiddleware(deps.log));
  // 2. Request context: the emulator clock, read once per request (the trace id is made when an error needs it).
  app.use(requestContext(deps.clock));
  // 3. DNS-rebinding defence before any route sees the request.
  app.use(hostCheck(options.allowedHosts));
  // 3b. CORS for the control API, only with `--cors` (product §10); before `unmatched`, which would 404 a preflight.
  if (options.cors !== null) app.use(cors(options.cors));
  // 4. Unmatched routes: ASP.NET answers 404/405 with an empty body; the control API with a problem.
  app.use(unmatched);
  // 5. The emulated Altinn API, then the control API.
  app.use(refuseHeadAndOptions(notifications));
  app.use(notifications.routes()).use(notifications.allowedMethods());
  app.use(control.routes()).use(control.allowedMethods());
  return app;
}

function requestContext(clock: Clock) {
  return function setContext(ctx: Context, next: Next): Promise<void> {
    ctx.state.now = clock.now();
    return next();
  };
}

async function unmatched(ctx: Context, next: Next): Promise<void> {
  await next();
  if (ctx.body != null || (ctx.status !== 404 && ctx.status !== 405)) return;
  if (ctx.path.startsWith('/_emulator') && ctx.status === 404) {
    throw controlProblem(404, 'Not Found', `No control route ${ctx.method} ${ctx.path}.`);
  }
  writeEmpty(ctx, ctx.status);
}
