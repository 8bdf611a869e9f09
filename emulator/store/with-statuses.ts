import type { MessageDraft, StatusEntry } from './message.js';

/**
 * A message that reached the statuses of `entries`, in order (and its order `orderStatus`, when that changes, at the
 * last entry's time). A new object: stored messages are replaced, never changed in place (but for the analysis fields,
 * see withAnalysis), so a reference handed out earlier stays as it was.
 */
export function withStatuses<T extends MessageDraft>(message: T, entries: readonly StatusEntry[], orderStatus: string | null): T {
  const copy = { ...message, statusHistory: [...message.statusHistory] };
  if (message.order && orderStatus !== null) copy.order = { ...message.order, statusHistory: [...message.order.statusHistory] };
  addStatuses(copy, entries, orderStatus);
  return copy;
}

/** The same, in place: for a draft nobody else holds yet (the insert of an order whose steps are due at once). */
export function addStatuses(message: MessageDraft, entries: readonly StatusEntry[], orderStatus: string | null): void {
  const last = entries[entries.length - 1];
  message.status = last.status;
  message.updatedAt = last.at;
  message.statusHistory.push(...entries);
  if (message.order && orderStatus !== null) {
    message.order.status = orderStatus;
    message.order.statusHistory.push({ status: orderStatus, at: last.at });
  }
}
