import type { MessageDraft, StatusEntry } from './message.js';

/**
 * A message that reached the statuses of `entries`, in order (and its order `orderStatus`, when that changes, at the
 * last entry's time). A new object: stored messages are replaced, never changed in place, so a reference handed out
 * earlier stays as it was.
 */
export function withStatuses<T extends MessageDraft>(message: T, entries: readonly StatusEntry[], orderStatus: string | null): T {
  const last = entries[entries.length - 1];
  const order =
    message.order && orderStatus !== null
      ? { ...message.order, status: orderStatus, statusHistory: [...message.order.statusHistory, { status: orderStatus, at: last.at }] }
      : message.order;
  return {
    ...message,
    status: last.status,
    statusHistory: [...message.statusHistory, ...entries],
    order,
    updatedAt: last.at,
  };
}
