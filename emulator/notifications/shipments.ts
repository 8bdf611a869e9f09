import type { Context } from 'koa';
import { HttpError } from '../http/http-error.js';
import { altinnProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { StoredMessage } from '../store/message.js';
import type { Store } from '../store/store.js';
import { blankToNull } from './blank-to-null.js';
import { parseGuid } from './parse-guid.js';
import { traceIdOf } from '../http/trace-id-of.js';

type State = { principal: { org: string | null } };

/** `GET /future/shipment/{id:guid}` of `ShipmentController.cs` (contract §7.1). */
export function createShipmentLookup(store: Store) {
  return function getShipment(ctx: Context, id: string): void {
    const { principal } = ctx.state as State;
    const shipmentId = parseGuid(id);
    if (shipmentId === null) throw new HttpError(404);
    if (principal.org === null) throw new HttpError(403);
    const message = store.findByShipmentId(shipmentId);
    // Another org's shipment is indistinguishable from a missing one.
    if (!message?.order || message.order.org !== principal.org) throw altinnProblem('NOT-00003', traceIdOf(ctx));
    writeJson(ctx, 200, deliveryManifest(message), { omitNulls: true });
  };
}

/** `NotificationDeliveryManifestExt` (contract §7.1). */
function deliveryManifest(message: StoredMessage) {
  const order = message.order!;
  return {
    shipmentId: order.shipmentId,
    sendersReference: blankToNull(order.sendersReference),
    type: 'Instant',
    status: order.status,
    lastUpdate: order.statusHistory[order.statusHistory.length - 1].at,
    recipients: message.to.map((destination) => ({
      type: message.channel === 'sms' ? 'SMS' : 'Email',
      destination,
      status: message.status,
      lastUpdate: message.statusHistory[message.statusHistory.length - 1].at,
    })),
  };
}
