import { isFinalStatus } from '../delivery/lifecycle.js';
import type { Message } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';

/** What the emulator keeps about a phone apart from its messages (set through the control API). */
export interface PhoneState {
  online: boolean;
}

export interface PhoneSummary {
  /** E.164 where the number parses (see `recipientKey`). */
  number: string;
  online: boolean;
  counts: { messages: number; delivered: number; pending: number; failed: number };
  /** `createdAt` of its newest SMS; null for a phone known only by its state. */
  lastMessageAt: string | null;
}

/**
 * One fake phone per number seen in an SMS (product §2), in the order of their newest message, newest first.
 * Phones default to online; `states` overrides that, and lists phones that have a state but no message yet (last).
 */
export function listPhones(smsNewestFirst: Iterable<Message>, states: ReadonlyMap<string, PhoneState> = new Map()): PhoneSummary[] {
  const phones = new Map<string, PhoneSummary>();
  for (const m of smsNewestFirst) {
    for (const number of new Set(m.to.map(recipientKey))) {
      let phone = phones.get(number);
      if (!phone) {
        phone = blankPhone(number, states.get(number), m.createdAt);
        phones.set(number, phone);
      }
      phone.counts.messages++;
      phone.counts[outcome(m.status)]++;
    }
  }
  for (const [number, state] of states) if (!phones.has(number)) phones.set(number, blankPhone(number, state, null));
  return [...phones.values()];
}

function blankPhone(number: string, state: PhoneState | undefined, lastMessageAt: string | null): PhoneSummary {
  return { number, online: state?.online ?? true, counts: { messages: 0, delivered: 0, pending: 0, failed: 0 }, lastMessageAt };
}

// Any final status other than delivery is a failure (expired, rejected, TTL sweep: `lifecycle.ts`).
function outcome(status: string): 'delivered' | 'pending' | 'failed' {
  if (status === 'SMS_Delivered') return 'delivered';
  return isFinalStatus(status) ? 'failed' : 'pending';
}
