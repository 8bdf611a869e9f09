import type { Warning } from '../store/message.js';
import type { InstantRequest } from './instant-request.js';
import { phoneNumberType } from './validate/phone-number-type.js';

/**
 * What a client could get past Altinn and still have wrong (product §1.3). These never reject: Altinn accepts them.
 */
export function creationWarnings(request: InstantRequest): Warning[] {
  const warnings: Warning[] = [];
  if (request.channel === 'sms' && phoneNumberType(request.phoneNumber) === 'fixed-line') {
    warnings.push({
      code: 'recipient-not-mobile',
      message:
        `${request.phoneNumber} is a fixed-line number. Altinn accepts it (its check, IsValidNumber, ignores the ` +
        'number type, contract §3.2), but a landline cannot receive the SMS.',
    });
  }
  return warnings;
}

/** The warning added to the original message when its idempotencyId is replayed with another payload. */
export function replayMismatchWarning(idempotencyId: string): Warning {
  return {
    code: 'idempotency-payload-mismatch',
    message:
      `idempotencyId "${idempotencyId}" was sent again with a different payload. Altinn answered 200 with ` +
      'this original order and sent nothing (it does not compare payloads, contract §5).',
  };
}
