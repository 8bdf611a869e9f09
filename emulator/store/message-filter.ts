import type { Channel, StoredMessage } from './message.js';
import { recipientKey } from './recipient-key.js';

/** The filters shared by listing, waiting and deleting (product §4). All optional; all must hold. */
export interface MessageFilter {
  channel?: Channel;
  /** A recipient, matched normalised (see `recipientKey`). */
  to?: string;
  /** Only messages with `seq` greater than this cursor. */
  after?: number;
  /** Only messages with `seq` lower than this (paging backwards). */
  before?: number;
  /** Case-insensitive text in subject or body. */
  q?: string;
  status?: string;
}

/** Compiles a filter once so that scanning many messages does not re-normalise the query each time. */
export function compileMessageFilter(filter: MessageFilter): (m: StoredMessage) => boolean {
  const to = filter.to === undefined ? undefined : recipientKey(filter.to);
  const q = filter.q?.toLowerCase();
  return (m) =>
    (filter.channel === undefined || m.channel === filter.channel) &&
    (filter.after === undefined || m.seq > filter.after) &&
    (filter.before === undefined || m.seq < filter.before) &&
    (filter.status === undefined || m.status === filter.status) &&
    (to === undefined || m.to.some((r) => recipientKey(r) === to)) &&
    (q === undefined || `${m.subject ?? ''}\n${m.body}`.toLowerCase().includes(q));
}
