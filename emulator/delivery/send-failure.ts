import type { FailureStatus } from './fault-rule.js';

/**
 * Failure statuses that Altinn reaches straight from `*_Sending`: the send result from the SMS or email service,
 * not a delivery report (contract §7.3). Every other failure comes after `SMS_Accepted` / `Email_Succeeded`. A subset
 * of `failureStatuses`, typed so that a name missing there does not compile.
 */
const sendFailures: ReadonlySet<string> = new Set<FailureStatus>([
  'SMS_Failed',
  'SMS_Failed_InvalidRecipient',
  'SMS_Failed_RecipientReserved',
  'SMS_Failed_RecipientNotIdentified',
  'Email_Failed',
  'Email_Failed_RecipientReserved',
  'Email_Failed_RecipientNotIdentified',
  'Email_Failed_InvalidFormat',
  'Email_Failed_SuppressedRecipient',
  'Email_Failed_TransientError',
  'Email_Failed_InvalidSasUrl',
  'Email_Failed_PayloadTooLarge',
]);

export function isSendFailure(status: string): boolean {
  return sendFailures.has(status);
}
