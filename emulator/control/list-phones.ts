import { isFinalStatus } from '../delivery/lifecycle.js';
import type { PhoneState, StoredMessage } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';

export interface PhoneSummary {
  /** E.164 where the number parses (see `recipientKey`). */
  number: string;
  online: boolean;
  /** When it was last switched (emulator time); null for a phone never switched. */
  since: string | null;
  counts: { messages: number; delivered: number; pending: number; failed: number };
  /** `createdAt` of its newest SMS; null for a phone known only by its state. */
  lastMessageAt: string | null;
}

/**
 * One fake phone per number seen in an SMS (product §2), in the order of their newest message, newest first.
 * Phones default to online; `states` overrides that, and lists phones that have a state but no message yet (last).
 */
export function listPhones(smsNewestFirst: Iterable<StoredMessage>, states: Readonly<Record<string, PhoneState>> = {}): PhoneSummary[] {
  const phones = new Map<string, PhoneSummary>();
  for (const m of smsNewestFirst) {
    for (const number of new Set(m.to.map(recipientKey))) {
      let phone = phones.get(number);
      if (!phone) {
        phone = { ...blankPhone(number, Object.hasOwn(states, number) ? states[number] : undefined), lastMessageAt: m.createdAt };
        phones.set(number, phone);
      }
      phone.counts.messages++;
      phone.counts[outcome(m.status)]++;
    }
  }
  for (const [number, state] of Object.entries(states)) if (!phones.has(number)) phones.set(number, blankPhone(number, state));
  return [...phones.values()];
}

/** A phone with no message yet; without a state, one never switched (online). */
export function blankPhone(number: string, state?: PhoneState): PhoneSummary {
  return { number, online: state?.online ?? true, since: state?.since ?? null, counts: { messages: 0, delivered: 0, pending: 0, failed: 0 }, lastMessageAt: null };
}

// Any final status other than delivery is a failure (expired, rejected, TTL sweep: `lifecycle.ts`).
function outcome(status: string): 'delivered' | 'pending' | 'failed' {
  if (status === 'SMS_Delivered') return 'delivered';
  return isFinalStatus(status) ? 'failed' : 'pending';
}
