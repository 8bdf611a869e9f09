import type { Channel } from '../store/message.js';

/**
 * Every failure status of `Models/Status/ProcessingLifecycleExt.cs` (contract §7.3), per channel. A `final-status`
 * fault may end a notification in any of them; its prefix names the channel it applies to.
 */
export const failureStatuses = {
  sms: [
    'SMS_Failed',
    'SMS_Failed_InvalidRecipient',
    'SMS_Failed_RecipientReserved',
    'SMS_Failed_BarredReceiver',
    'SMS_Failed_Deleted',
    'SMS_Failed_Expired',
    'SMS_Failed_Undelivered',
    'SMS_Failed_RecipientNotIdentified',
    'SMS_Failed_Rejected',
    'SMS_Failed_TTL',
  ],
  email: [
    'Email_Failed',
    'Email_Failed_RecipientReserved',
    'Email_Failed_RecipientNotIdentified',
    'Email_Failed_InvalidFormat',
    'Email_Failed_SuppressedRecipient',
    'Email_Failed_TransientError',
    'Email_Failed_Bounced',
    'Email_Failed_FilteredSpam',
    'Email_Failed_Quarantined',
    'Email_Failed_TTL',
    'Email_Failed_InvalidSasUrl',
    'Email_Failed_PayloadTooLarge',
  ],
} as const satisfies Record<Channel, readonly string[]>;

export type FailureStatus = (typeof failureStatuses)[Channel][number];

/** The channel a failure status belongs to, or null when the name is not one of `failureStatuses`. */
export function channelOfFailureStatus(status: string): Channel | null {
  if ((failureStatuses.sms as readonly string[]).includes(status)) return 'sms';
  if ((failureStatuses.email as readonly string[]).includes(status)) return 'email';
  return null;
}

/** Which orders a rule applies to; an absent field matches every order. */
export interface FaultMatch {
  channel?: Channel;
  /** Stored as `recipientKey` gives it, so `0047 999 99 999` and `+4799999999` are one rule. */
  to?: string;
  /** Compared exactly, as Altinn compares idempotency ids (contract §5). */
  idempotencyId?: string;
}

export type FaultEffect =
  | { type: 'gateway-unavailable' }
  | { type: 'latency'; ms: number }
  | { type: 'final-status'; status: FailureStatus }
  | { type: 'never-deliver' };

export type FaultEffectType = FaultEffect['type'];

/** A rule as POST /_emulator/faults describes it, normalised; what the store adds is in `FaultRule`. */
export interface FaultRuleInput {
  match: FaultMatch;
  effect: FaultEffect;
  /** How many orders the rule may affect; null is unlimited. */
  times: number | null;
}

export interface FaultRule extends FaultRuleInput {
  id: string;
  /** Uses left; null is unlimited. A rule is removed when this reaches 0. */
  remaining: number | null;
  hits: number;
  createdAt: string;
}
