import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { authenticate, type AuthOptions } from '../http/auth.js';
import { consumesJson } from '../http/consumes-json.js';
import { HttpError } from '../http/http-error.js';
import { readRawBody } from '../http/read-raw-body.js';
import type { Store } from '../store/store.js';
import { createInstantOrders, type InstantOrdersDeps } from './instant-orders.js';
import { parseGuid } from './parse-guid.js';
import { createShipmentLookup } from './shipments.js';
import { createStatusFeed } from './status-feed.js';

/** Kestrel's default `MaxRequestBodySize` (product §10). */
const maxRequestBodyBytes = 30_000_000;

export interface NotificationsRouterDeps extends InstantOrdersDeps {
  store: Store;
  auth: AuthOptions;
}

/**
 * The emulated Altinn routes (contract §1). ASP.NET matches paths case-insensitively and with or without a
 * trailing slash, which is @koa/router's default too. Per route, in Altinn's order: route match, auth (401/403),
 * content type (415), body, then the action.
 */
export function notificationsRouter(deps: NotificationsRouterDeps): Router {
  const router = new Router({ prefix: '/notifications/api/v1/future' });
  const postInstantOrder = createInstantOrders(deps);
  const getShipment = createShipmentLookup(deps.store);
  const getStatusFeed = createStatusFeed(deps.store);

  // The route middleware are not async: koa-compose turns what they throw into a rejection.
  const auth = (ctx: Context, next: Next) => {
    ctx.state.principal = authenticate(ctx, deps.auth, ctx.state.now as Date);
    return next();
  };
  // The body is kept as bytes: the binder reproduces System.Text.Json's own errors from them.
  const rawBody = readRawBody(maxRequestBodyBytes);
  // A non-GUID id does not match `{id:guid}`: a plain 404 before any auth (contract §1).
  const guidRoute = (ctx: Context, next: Next) => {
    if (parseGuid(ctx.params.id) === null) throw new HttpError(404);
    return next();
  };

  router.post('/orders/instant/sms', auth, consumesJson, rawBody, (ctx) => postInstantOrder(ctx, 'sms'));
  router.post('/orders/instant/email', auth, consumesJson, rawBody, (ctx) => postInstantOrder(ctx, 'email'));
  router.post('/orders/instant', auth, consumesJson, rawBody, (ctx) => postInstantOrder(ctx, 'deprecated'));
  router.get('/shipment/feed', auth, getStatusFeed);
  router.get('/shipment/:id', guidRoute, auth, (ctx) => getShipment(ctx, ctx.params.id));
  return router;
}

/**
 * ASP.NET's `[HttpPost]`/`[HttpGet]` answer neither HEAD nor OPTIONS, where @koa/router would: on an emulated path
 * they get an empty 405 with `Allow`, like any other method the route lacks (contract §4.7).
 */
export function refuseHeadAndOptions(router: Router) {
  return function headAndOptions(ctx: Context, next: Next): Promise<void> {
    if (ctx.method === 'HEAD' || ctx.method === 'OPTIONS') {
      const byPath = router.match(ctx.path, 'GET').path.filter((layer) => layer.methods.length > 0);
      if (byPath.length) {
        const allow = [...new Set(byPath.flatMap((layer) => layer.methods).filter((m) => m !== 'HEAD'))];
        throw new HttpError(405, null, { Allow: allow.join(', ') });
      }
    }
    return next();
  };
}
