import { describe, expect, it } from 'vitest';
import { failureStatuses } from '../../../emulator/delivery/fault-rule.js';
import { isSendFailure } from '../../../emulator/delivery/send-failure.js';

describe('isSendFailure', () => {
  it('is true for the failures Altinn reaches straight from *_Sending', () => {
    for (const s of ['SMS_Failed', 'SMS_Failed_InvalidRecipient', 'SMS_Failed_RecipientReserved', 'SMS_Failed_RecipientNotIdentified',
      'Email_Failed', 'Email_Failed_RecipientReserved', 'Email_Failed_RecipientNotIdentified', 'Email_Failed_InvalidFormat',
      'Email_Failed_SuppressedRecipient', 'Email_Failed_TransientError', 'Email_Failed_InvalidSasUrl', 'Email_Failed_PayloadTooLarge']) {
      expect(isSendFailure(s), s).toBe(true);
    }
  });

  it('is false for the delivery-report and sweep failures that come after SMS_Accepted or Email_Succeeded', () => {
    for (const s of ['SMS_Failed_BarredReceiver', 'SMS_Failed_Deleted', 'SMS_Failed_Expired', 'SMS_Failed_Undelivered',
      'SMS_Failed_Rejected', 'SMS_Failed_TTL', 'Email_Failed_Bounced', 'Email_Failed_FilteredSpam', 'Email_Failed_Quarantined',
      'Email_Failed_TTL']) {
      expect(isSendFailure(s), s).toBe(false);
    }
  });

  it('splits the failure statuses into 12 send failures and 10 later ones', () => {
    const all = [...failureStatuses.sms, ...failureStatuses.email];
    expect(all.filter(isSendFailure)).toHaveLength(12);
    expect(all.filter((s) => !isSendFailure(s))).toHaveLength(10);
  });

  it('is false for statuses that are not failures', () => {
    for (const s of ['SMS_Sending', 'SMS_Accepted', 'SMS_Delivered', 'Email_Sending', 'Email_Succeeded', 'Email_Delivered', 'Order_Completed', '', 'sms_failed']) {
      expect(isSendFailure(s), s).toBe(false);
    }
  });
});
