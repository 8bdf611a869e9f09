import type { InstantRoute } from '../instant-request.js';
import { isValidEmailAddress } from './is-valid-email-address.js';
import { isValidMobileNumber } from './is-valid-mobile-number.js';
import type { JsonObjectValue } from './model-schemas.js';
import { numberAt, objectAt, optionalStringAt, requiredStringAt } from './object-value.js';

/**
 * Layer 3 of contract §3: the FluentValidation validators the controller runs once binding has
 * succeeded. All rules run; keys are FluentValidation property paths (table of §3.1). Rules that
 * layer 2 already makes unreachable through HTTP (NotEmpty / NotNull) are left out.
 */
export function collectRuleErrors(route: InstantRoute, root: JsonObjectValue): Array<[key: string, message: string]> {
  if (route === 'email') return emailRuleErrors(objectAt(root, 'InstantEmailDetails'));
  if (route === 'sms') return smsRuleErrors(objectAt(root, 'RecipientSms'), 'RecipientSms');
  const recipient = objectAt(root, 'InstantNotificationRecipient');
  return smsRuleErrors(
    objectAt(recipient, 'ShortMessageDeliveryDetails'),
    'InstantNotificationRecipient.ShortMessageDeliveryDetails',
  );
}

const TTL_MIN = 60;
const TTL_MAX = 172800;

/** `ShortMessageDeliveryDetailsValidator`. */
function smsRuleErrors(details: JsonObjectValue, prefix: string): Array<[string, string]> {
  const errors: Array<[string, string]> = [];
  if (!isValidMobileNumber(requiredStringAt(details, 'PhoneNumber'))) {
    errors.push([`${prefix}.PhoneNumber`, 'Recipient phone number is not a valid mobile number.']);
  }
  const ttl = numberAt(details, 'TimeToLiveInSeconds', 0);
  if (ttl < TTL_MIN || ttl > TTL_MAX) {
    errors.push([`${prefix}.TimeToLiveInSeconds`, 'Time-to-live must be between 60 and 172800 seconds (48 hours).']);
  }
  return errors;
}

/** `InstantEmailDetailsValidator`. */
function emailRuleErrors(details: JsonObjectValue): Array<[string, string]> {
  const errors: Array<[string, string]> = [];
  if (!isValidEmailAddress(requiredStringAt(details, 'EmailAddress'))) {
    errors.push(['InstantEmailDetails.EmailAddress', 'Invalid email address format.']);
  }
  const settings = objectAt(details, 'EmailSettings');
  const sender = optionalStringAt(settings, 'SenderEmailAddress');
  // Only a null sender skips the rule: "" and white space are validated and fail (§3.1).
  if (sender !== null && !isValidEmailAddress(sender)) {
    errors.push(['InstantEmailDetails.EmailSettings.SenderEmailAddress', 'Invalid email address format.']);
  }
  const contentType = numberAt(settings, 'ContentType', 0);
  if (contentType !== 0 && contentType !== 1) {
    errors.push(['InstantEmailDetails.EmailSettings.ContentType', 'Email content type must be either Plain or HTML.']);
  }
  return errors;
}
