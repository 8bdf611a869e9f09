import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { channelOfFailureStatus, failureStatuses } from '../../../emulator/delivery/fault-rule.js';

// Contract §7.3, the enum of `Models/Status/ProcessingLifecycleExt.cs`.
const contractSms = ['SMS_Failed', 'SMS_Failed_InvalidRecipient', 'SMS_Failed_RecipientReserved', 'SMS_Failed_BarredReceiver',
  'SMS_Failed_Deleted', 'SMS_Failed_Expired', 'SMS_Failed_Undelivered', 'SMS_Failed_RecipientNotIdentified',
  'SMS_Failed_Rejected', 'SMS_Failed_TTL'];
const contractEmail = ['Email_Failed', 'Email_Failed_RecipientReserved', 'Email_Failed_RecipientNotIdentified',
  'Email_Failed_InvalidFormat', 'Email_Failed_SuppressedRecipient', 'Email_Failed_TransientError', 'Email_Failed_Bounced',
  'Email_Failed_FilteredSpam', 'Email_Failed_Quarantined', 'Email_Failed_TTL', 'Email_Failed_InvalidSasUrl',
  'Email_Failed_PayloadTooLarge'];

const sharedContract = new URL('../../../../shared/contract/altinn-instant-api.md', import.meta.url);

describe('failureStatuses', () => {
  it('lists every SMS_Failed* and Email_Failed* name of contract §7.3 and nothing else', () => {
    expect([...failureStatuses.sms].sort()).toEqual([...contractSms].sort());
    expect([...failureStatuses.email].sort()).toEqual([...contractEmail].sort());
  });

  it.runIf(existsSync(sharedContract))('agrees with the shared contract where it sits beside the repository', () => {
    const text = readFileSync(sharedContract, 'utf8');
    const section = text.slice(text.indexOf('### 7.3'), text.indexOf('Typical life cycle'));
    const names = [...section.matchAll(/`((?:SMS|Email)_Failed\w*)`/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    expect([...failureStatuses.sms, ...failureStatuses.email].sort()).toEqual([...new Set(names)].sort());
  });

  it('gives each failure status the channel of its prefix and refuses other names', () => {
    for (const s of contractSms) expect(channelOfFailureStatus(s), s).toBe('sms');
    for (const s of contractEmail) expect(channelOfFailureStatus(s), s).toBe('email');
    for (const s of ['SMS_Delivered', 'SMS_Accepted', 'Email_Delivered', 'Email_Succeeded', 'sms_failed', 'Order_Completed', '', 'toString', '__proto__']) {
      expect(channelOfFailureStatus(s), s).toBeNull();
    }
  });
});
