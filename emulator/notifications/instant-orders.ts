import type { Context } from 'koa';
import type { Delivery } from '../delivery/delivery.js';
import { HttpError } from '../http/http-error.js';
import { altinnProblem, validationProblem } from '../http/problems.js';
import { matchFaults } from '../delivery/match-faults.js';
import { writeJson } from '../http/write-json.js';
import type { IdempotencyRecord } from '../store/message.js';
import type { Store } from '../store/store.js';
import { idempotencyKey } from '../store/store-state.js';
import { blankToNull } from './blank-to-null.js';
import { creationWarnings, replayMismatchWarning } from './creation-warnings.js';
import { draftMessage } from './draft-message.js';
import type { InstantRequest, InstantRoute } from './instant-request.js';
import { requestFingerprint } from './request-fingerprint.js';
import { validateInstantRequest } from './validate/validate-instant-request.js';
import { logPreview } from '../log-preview.js';
import { withAnalysis } from '../analysis/with-analysis.js';
import { traceIdOf } from '../http/trace-id-of.js';

/** What a 201 or 200 reports of an order (contract §4.2). */
type Tracking = Pick<IdempotencyRecord, 'notificationOrderId' | 'shipmentId' | 'sendersReference'>;

export interface InstantOrdersDeps {
  store: Store;
  delivery: Delivery;
  defaultSmsSender: string;
  defaultEmailSender: string;
  /** The emulator's own base URL, for `Location` (product §1.6). */
  baseUrl: () => string;
  log: (line: string) => void;
  /** The emulator clock. */
  now: () => Date;
}

/**
 * The three POST actions of `InstantOrdersController.cs`, in the controller's step order (contract §4.1).
 * Authentication and the content type were checked by the route's middleware; the body arrives as bytes.
 */
export function createInstantOrders(deps: InstantOrdersDeps) {
  const { store } = deps;
  // First requests still in flight, by (org, idempotencyId). Altinn lets concurrent first requests both send
  // and the loser gets a 500 (contract §5); as an emulator we send once and answer the others 200 (product §1.2).
  const inflight = new Map<string, Promise<unknown>>();

  async function placeOrder(org: string, request: InstantRequest, route: InstantRoute, now: Date, traceId: () => string) {
    const key = idempotencyKey(org, request.idempotencyId);
    for (let pending = inflight.get(key); pending; pending = inflight.get(key)) {
      await pending.catch(() => undefined); // if the first failed, this request tries to send itself
    }
    const fingerprint = requestFingerprint(request);
    const existing = store.findIdempotency(org, request.idempotencyId);
    if (existing) {
      if (existing.fingerprint !== fingerprint) await warnOnMismatch(existing);
      return { created: false, record: existing };
    }
    const creating = createOrder(org, request, route, now, fingerprint, traceId);
    inflight.set(key, creating);
    try {
      return { created: true, record: await creating };
    } finally {
      inflight.delete(key);
    }
  }

  async function createOrder(org: string, request: InstantRequest, route: InstantRoute, now: Date, fingerprint: string, traceId: () => string) {
    // Step 6, the gateway call (contract §4.1): where fault rules act. No rule, no cost.
    const faults = store.faults().length === 0 ? null : matchFaults(store.faults(), faultTarget(request));
    let used: Promise<unknown> | null = null;
    if (faults) {
      const fired = [faults.latency, faults.gateway, faults.gateway ? null : faults.fate].filter((rule) => rule !== null);
      used = store.useFaults(fired.map((rule) => rule.id));
      used.catch(() => undefined); // awaited below, after the latency: not an unhandled rejection meanwhile
      if (faults.latency?.effect.type === 'latency') await deps.delivery.gatewayLatency(faults.latency.effect.ms);
      if (faults.gateway) {
        await used;
        // Nothing is persisted, so a retry with the same idempotencyId sends again (contract §4.1, §5).
        throw altinnProblem('NOT-00004', traceId());
      }
    }
    const fate = faults?.fate ? { ruleId: faults.fate.id, effect: faults.fate.effect } : null;
    // Field by field: spreading `deps` into the context cost ~4 µs per order (measured).
    const created = draftMessage(request, {
      org,
      route,
      now,
      defaultSmsSender: deps.defaultSmsSender,
      defaultEmailSender: deps.defaultEmailSender,
      warnings: creationWarnings(request),
      fault: fate,
    });
    // The steps due already (all of them, with no delivery delay) go into the insert: one write, one event.
    const { draft, feed } = deps.delivery.prepare(created, deps.now());
    const order = draft.order!;
    const inserted = store.insertMessage(draft, feed ? { fingerprint, feed } : { fingerprint });
    const stored = store.getMessage(draft.id);
    if (feed === null && stored) deps.delivery.track(stored); // applied in memory already; a final one has no plan
    const message = await inserted;
    if (used) await used;
    deps.log(`${message.channel === 'sms' ? 'SMS  ' : 'Email'} #${message.seq} to ${message.to[0]} (${org}): ${logPreview(message.subject ?? message.body)}`);
    // The tracking info is the order's own; not read back from the store, which a reset may have emptied meanwhile.
    const tracking: Tracking = { notificationOrderId: order.notificationOrderId, shipmentId: order.shipmentId, sendersReference: order.sendersReference };
    return tracking;
  }

  async function warnOnMismatch(record: IdempotencyRecord) {
    const stored = store.getMessage(record.messageId);
    if (!stored) return;
    const message = withAnalysis(stored); // its warnings then hold the analysis's too, in their usual order
    const warning = replayMismatchWarning(record.idempotencyId);
    if (message.warnings.some((w) => w.code === warning.code)) return;
    await store.updateMessage(message.id, { warnings: [...message.warnings, warning] });
  }

  return async function postInstantOrder(ctx: Context, route: InstantRoute): Promise<void> {
    const { now, principal } = ctx.state as { now: Date; principal: { org: string | null } };
    // A UTF-16 body is transcoded to UTF-8 before System.Text.Json reads it, as ASP.NET's formatter does.
    const raw = ctx.state.rawBody as Buffer;
    const result = validateInstantRequest(route, ctx.state.bodyEncoding === 'utf16le' ? raw.toString('utf16le') : raw);
    if (!result.ok) throw validationProblem(result.errors, traceIdOf(ctx));
    // The creator org is required only after validation (`GetCreatorOrForbid`, contract §4.1 step 4).
    if (principal.org === null) throw new HttpError(403);
    const { created, record } = await placeOrder(principal.org, result.request, route, now, () => traceIdOf(ctx));
    // A replay reads the order back from the database, where an empty or blank reference was stored as NULL
    // (contract §4.3, §7.1); a 201 echoes what was sent, `""` included (§4.2).
    const sendersReference = created ? record.sendersReference : blankToNull(record.sendersReference);
    // Built without nulls, as Altinn omits them (contract §4.2), so the hot path needs no replacer.
    const body = {
      notificationOrderId: record.notificationOrderId,
      notification: sendersReference === null ? { shipmentId: record.shipmentId } : { shipmentId: record.shipmentId, sendersReference },
    };
    if (created) ctx.set('Location', `${deps.baseUrl()}/notifications/api/v1/orders/chain/${record.notificationOrderId}`);
    writeJson(ctx, created ? 201 : 200, body);
  };
}

/** What a fault rule is matched against (product §4). */
function faultTarget(request: InstantRequest) {
  const to = request.channel === 'sms' ? request.phoneNumber : request.emailAddress;
  return { channel: request.channel, to, idempotencyId: request.idempotencyId };
}
