import type { StoredMessage } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';

export interface MailboxSummary {
  /** Trimmed and lower-cased, as recipients are matched (product §2). */
  address: string;
  counts: { messages: number };
  /** `createdAt` of its newest email. */
  lastMessageAt: string;
}

/** One fake mailbox per address an email was sent to (all of `to`), in the order of their newest email, newest first. */
export function listMailboxes(emailNewestFirst: Iterable<StoredMessage>): MailboxSummary[] {
  const boxes = new Map<string, MailboxSummary>();
  for (const m of emailNewestFirst) {
    for (const address of new Set(m.to.map(recipientKey))) {
      const box = boxes.get(address);
      if (box) box.counts.messages++;
      else boxes.set(address, { address, counts: { messages: 1 }, lastMessageAt: m.createdAt });
    }
  }
  return [...boxes.values()];
}
