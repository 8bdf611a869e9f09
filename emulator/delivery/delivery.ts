import type { Message } from '../store/message.js';
import type { Store } from '../store/store.js';
import { isFinalStatus, orderCompleted, successPath } from './lifecycle.js';

export interface DeliveryDeps {
  store: Store;
  now: () => Date;
}

/**
 * The fake operator and mailboxes. For now every message walks its success path at once; each step is one
 * store update (and so one `message.updated` event), and `advance` is the single place a status changes, so
 * that a scheduler on the emulator clock can later decide *when* each step runs.
 */
export interface Delivery {
  /** Starts the life cycle of a newly stored API message. */
  dispatch(message: Message): Promise<void>;
  /** Moves a message to `status` at `at` (in memory at once); completes its order when the status is final. */
  advance(messageId: string, status: string, at: Date): Promise<unknown>;
}

export function createDelivery(deps: DeliveryDeps): Delivery {
  const { store } = deps;

  // Synchronous up to the returned promise: the store applies each change in memory at once, so a sequence of
  // steps started together is visible together and goes to the journal in one grouped write.
  function advance(messageId: string, status: string, at: Date): Promise<unknown> {
    const current = store.getMessage(messageId);
    if (!current || isFinalStatus(current.status)) return Promise.resolve();
    const iso = at.toISOString();
    const final = isFinalStatus(status);
    const statusHistory = [...current.statusHistory, { status, at: iso }];
    const order =
      current.order && final
        ? { ...current.order, status: orderCompleted, statusHistory: [...current.order.statusHistory, { status: orderCompleted, at: iso }] }
        : current.order;
    const writes: Promise<unknown>[] = [store.updateMessage(messageId, { status, statusHistory, order, updatedAt: iso })];
    if (order && final) {
      writes.push(
        store.appendFeedEntry({
          org: order.org,
          shipmentId: order.shipmentId,
          sendersReference: order.sendersReference,
          status: orderCompleted,
          lastUpdate: iso,
          shipmentType: 'Instant',
          recipients: [{ destination: current.to[0] ?? '', status, lastUpdate: iso }],
        }),
      );
    }
    return Promise.all(writes);
  }

  return {
    advance,
    async dispatch(message) {
      const at = deps.now();
      await Promise.all(successPath[message.channel].map((status) => advance(message.id, status, at)));
    },
  };
}
