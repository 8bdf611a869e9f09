import type { MessageDraft } from './message.js';

/**
 * A message that reached `statuses` at `at` (and its order `orderStatus`, when that changes). A new object: stored
 * messages are replaced, never changed in place, so a reference handed out earlier stays as it was.
 */
export function withStatuses<T extends MessageDraft>(message: T, statuses: readonly string[], at: string, orderStatus: string | null): T {
  const order =
    message.order && orderStatus !== null
      ? { ...message.order, status: orderStatus, statusHistory: [...message.order.statusHistory, { status: orderStatus, at }] }
      : message.order;
  return {
    ...message,
    status: statuses[statuses.length - 1],
    statusHistory: [...message.statusHistory, ...statuses.map((status) => ({ status, at }))],
    order,
    updatedAt: at,
  };
}
