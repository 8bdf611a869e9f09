import type { MessageDraft, PhoneState } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';
import { isFinalStatus } from './lifecycle.js';
import { isSendFailure } from './send-failure.js';

/** How the fake operator and mailboxes behave (`--delivery-delay`, `--sweep-offset`, `--operator-expiry-reports`). */
export interface DeliverySettings {
  /** From acceptance (or a phone coming online) to delivery. */
  deliveryDelayMs: number;
  /** Altinn's `ExpiryOffsetSeconds`: the TTL sweep takes what is still pending this long after `expiresAt`. */
  sweepOffsetMs: number;
  /** The operator reports an SMS it could not deliver in time as `SMS_Failed_Expired`; without, Altinn's sweep does. */
  operatorExpiryReports: boolean;
}

/** What the life cycle depends on: the message as stored, or as it is being drafted. */
export type TransitionSubject = Pick<MessageDraft, 'source' | 'channel' | 'status' | 'createdAt' | 'expiresAt' | 'fault' | 'to'>;

export interface Transition {
  /** Emulator time (ms) the step is due, and the time it is recorded with. */
  at: number;
  status: string;
}

/** A phone never switched is online, and has been for ever. */
const alwaysOnline: PhoneState = { online: true, since: new Date(0).toISOString() };

/**
 * The next step of an API message's life cycle (product §2, contract §6–§7.3), from what is stored alone — the
 * message, its phone and the settings — so that a restart rebuilds every plan. Null when nothing more will happen.
 */
export function nextTransition(
  message: TransitionSubject,
  phones: Readonly<Record<string, PhoneState>>,
  settings: DeliverySettings,
): Transition | null {
  if (message.source !== 'api' || isFinalStatus(message.status)) return null;
  const created = Date.parse(message.createdAt);
  const expires = message.expiresAt === null ? Infinity : Date.parse(message.expiresAt);
  const fate = message.fault?.effect ?? null;
  const failure = fate?.type === 'final-status' ? fate.status : null;
  const sms = message.channel === 'sms';

  // Sending: the gateway's answer comes at once; a send failure ends it there.
  if (message.status === (sms ? 'SMS_Sending' : 'Email_Sending')) {
    if (failure !== null && isSendFailure(failure)) return { at: created, status: failure };
    return { at: created, status: sms ? 'SMS_Accepted' : 'Email_Succeeded' };
  }
  if (message.status !== (sms ? 'SMS_Accepted' : 'Email_Succeeded')) return null;

  // What the operator or mailbox reports, unless it would land after `expiresAt`: Altinn ignores such updates
  // (`updatesmsnotification_v3`, contract §6), so then the expiry path below decides.
  let report: Transition | null = null;
  if (failure !== null) report = { at: created + settings.deliveryDelayMs, status: failure };
  else if (fate?.type !== 'never-deliver') {
    const phone = sms ? phoneState(phones, message.to[0] ?? '') : alwaysOnline;
    if (phone.online) {
      const from = Math.max(created, Date.parse(phone.since));
      report = { at: from + settings.deliveryDelayMs, status: sms ? 'SMS_Delivered' : 'Email_Delivered' };
    }
  }
  if (report !== null && report.at <= expires) return report;
  if (expires === Infinity) return null;
  // The operator's own expiry report comes at `expiresAt`; Altinn's sweep takes what is pending once
  // `now > expiresAt + ExpiryOffsetSeconds` (`updateexpirednotifications.sql`), the first millisecond after that.
  if (sms && settings.operatorExpiryReports) return { at: expires, status: 'SMS_Failed_Expired' };
  return { at: expires + settings.sweepOffsetMs + 1, status: sms ? 'SMS_Failed_TTL' : 'Email_Failed_TTL' };
}

function phoneState(phones: Readonly<Record<string, PhoneState>>, recipient: string): PhoneState {
  for (const _ in phones) {
    const key = recipientKey(recipient);
    return Object.hasOwn(phones, key) ? phones[key] : alwaysOnline;
  }
  return alwaysOnline; // no phone was ever switched: the usual case, and no number to normalise
}
