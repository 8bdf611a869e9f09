import type { InstantRequest, InstantRoute } from '../instant-request.js';
import type { JsonObjectValue } from './model-schemas.js';
import { numberAt, objectAt, optionalStringAt, requiredStringAt } from './object-value.js';

/**
 * The bound model of a body that passed all three layers, as the emulator's `InstantRequest`.
 * Values stay as submitted (untrimmed, contract §3.2 step 4 and §3.3 step 2); the deprecated
 * nested shape (§2.3) becomes an ordinary SMS request.
 */
export function toInstantRequest(route: InstantRoute, root: JsonObjectValue): InstantRequest {
  const idempotencyId = requiredStringAt(root, 'IdempotencyId');
  const sendersReference = optionalStringAt(root, 'SendersReference');
  if (route === 'email') {
    const details = objectAt(root, 'InstantEmailDetails');
    const settings = objectAt(details, 'EmailSettings');
    return {
      channel: 'email',
      idempotencyId,
      sendersReference,
      emailAddress: requiredStringAt(details, 'EmailAddress'),
      subject: requiredStringAt(settings, 'Subject'),
      body: requiredStringAt(settings, 'Body'),
      senderEmailAddress: optionalStringAt(settings, 'SenderEmailAddress'),
      // Layer 3 has rejected every value but 0 and 1; an absent key means Plain.
      contentType: numberAt(settings, 'ContentType', 0) === 1 ? 'Html' : 'Plain',
    };
  }
  const sms =
    route === 'sms'
      ? objectAt(root, 'RecipientSms')
      : objectAt(objectAt(root, 'InstantNotificationRecipient'), 'ShortMessageDeliveryDetails');
  const content = objectAt(sms, 'ShortMessageContent');
  return {
    channel: 'sms',
    idempotencyId,
    sendersReference,
    phoneNumber: requiredStringAt(sms, 'PhoneNumber'),
    timeToLiveInSeconds: numberAt(sms, 'TimeToLiveInSeconds', 0),
    sender: optionalStringAt(content, 'Sender'),
    body: requiredStringAt(content, 'Body'),
  };
}
