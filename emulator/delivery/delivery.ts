import type { Store } from '../store/store.js';
import { isFinalStatus, orderCompleted, successPath } from './lifecycle.js';

export interface DeliveryDeps {
  store: Store;
  now: () => Date;
}

/**
 * The fake operator and mailboxes. For now every message walks its success path at once, in one store update (one
 * `message.updated` event). `advance` is the single place a status changes, so that a scheduler on the emulator
 * clock can later decide *when* each step runs.
 */
export interface Delivery {
  /** Starts the life cycle of a newly stored API message (already applied in memory, maybe not yet durable). */
  dispatch(messageId: string): Promise<void>;
  /**
   * Moves a message through `steps` at `at` in one store update (in memory at once); completes its order, with its
   * status-feed entry, when the last step is final.
   */
  advance(messageId: string, steps: string[], at: Date): Promise<unknown>;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { store } = deps;

  // Synchronous up to the returned promise: the store applies each change in memory at once, so a caller sees it
  // immediately and the journal gets it in the next grouped write.
  function advance(messageId: string, steps: string[], at: Date): Promise<unknown> {
    const current = store.getMessage(messageId);
    if (!current || isFinalStatus(current.status)) return Promise.resolve();
    // Steps after a final one are not applied: a final status is final.
    const finalIndex = steps.findIndex(isFinalStatus);
    const applied = finalIndex >= 0 ? steps.slice(0, finalIndex + 1) : steps;
    if (applied.length === 0) return Promise.resolve();
    const iso = at.toISOString();
    const status = applied[applied.length - 1];
    const order = current.order;
    if (order === null || !isFinalStatus(status)) return store.recordStatus(messageId, applied, iso, null);
    // The order completes with its notification, and gets its status-feed entry in the same write (contract §7.2).
    return store.recordStatus(messageId, applied, iso, orderCompleted, {
      org: order.org,
      shipmentId: order.shipmentId,
      sendersReference: order.sendersReference,
      status: orderCompleted,
      lastUpdate: iso,
      shipmentType: 'Instant',
      recipients: [{ destination: current.to[0] ?? '', status, lastUpdate: iso }],
    });
  }

  return {
    advance,
    async dispatch(messageId) {
      const message = store.getMessage(messageId);
      if (message) await advance(messageId, successPath[message.channel], deps.now());
    },
  };
}
