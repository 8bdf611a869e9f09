import { describe, expect, it } from 'vitest';
import type { InstantRoute } from '../../../emulator/notifications/instant-request.js';
import {
  accepted,
  BODY_BY_ROUTE,
  DEPRECATED_TYPE,
  EMAIL_TYPE,
  errorEntries,
  REQUEST_REQUIRED,
  SMS_TYPE,
  withValue,
} from './helpers.js';

const DELIVERY_TYPE = 'Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt';
const CONTENT_TYPE = 'Altinn.Notifications.Models.Sms.ShortMessageContentExt';
const DETAILS_TYPE = 'Altinn.Notifications.Models.Email.InstantEmailDetailsExt';
const EMAIL_CONTENT_TYPE = 'Altinn.Notifications.Models.Email.InstantEmailContentExt';
const RECIPIENT_TYPE = 'Altinn.Notifications.Models.Recipient.InstantNotificationRecipientExt';
const DEPRECATED_DETAILS = 'InstantNotificationRecipient.ShortMessageDeliveryDetails';

/**
 * Every required key of contract §2: [route, JSON path, object holding it (its layer-1 key and CLR
 * type), layer-2 key (the C# property path), whether the value is a string].
 */
const REQUIRED: Array<[InstantRoute, string[], string, string, string, boolean]> = [
  ['sms', ['idempotencyId'], '$', SMS_TYPE, 'IdempotencyId', true],
  ['sms', ['recipientSms'], '$', SMS_TYPE, 'RecipientSms', false],
  ['sms', ['recipientSms', 'phoneNumber'], '$.recipientSms', DELIVERY_TYPE, 'RecipientSms.PhoneNumber', true],
  ['sms', ['recipientSms', 'smsSettings'], '$.recipientSms', DELIVERY_TYPE, 'RecipientSms.ShortMessageContent', false],
  [
    'sms',
    ['recipientSms', 'smsSettings', 'body'],
    '$.recipientSms.smsSettings',
    CONTENT_TYPE,
    'RecipientSms.ShortMessageContent.Body',
    true,
  ],
  ['email', ['idempotencyId'], '$', EMAIL_TYPE, 'IdempotencyId', true],
  ['email', ['recipientEmail'], '$', EMAIL_TYPE, 'InstantEmailDetails', false],
  ['email', ['recipientEmail', 'emailAddress'], '$.recipientEmail', DETAILS_TYPE, 'InstantEmailDetails.EmailAddress', true],
  ['email', ['recipientEmail', 'emailSettings'], '$.recipientEmail', DETAILS_TYPE, 'InstantEmailDetails.EmailSettings', false],
  [
    'email',
    ['recipientEmail', 'emailSettings', 'subject'],
    '$.recipientEmail.emailSettings',
    EMAIL_CONTENT_TYPE,
    'InstantEmailDetails.EmailSettings.Subject',
    true,
  ],
  [
    'email',
    ['recipientEmail', 'emailSettings', 'body'],
    '$.recipientEmail.emailSettings',
    EMAIL_CONTENT_TYPE,
    'InstantEmailDetails.EmailSettings.Body',
    true,
  ],
  ['deprecated', ['idempotencyId'], '$', DEPRECATED_TYPE, 'IdempotencyId', true],
  ['deprecated', ['recipient'], '$', DEPRECATED_TYPE, 'InstantNotificationRecipient', false],
  ['deprecated', ['recipient', 'recipientSms'], '$.recipient', RECIPIENT_TYPE, DEPRECATED_DETAILS, false],
  [
    'deprecated',
    ['recipient', 'recipientSms', 'phoneNumber'],
    '$.recipient.recipientSms',
    DELIVERY_TYPE,
    `${DEPRECATED_DETAILS}.PhoneNumber`,
    true,
  ],
  [
    'deprecated',
    ['recipient', 'recipientSms', 'smsSettings'],
    '$.recipient.recipientSms',
    DELIVERY_TYPE,
    `${DEPRECATED_DETAILS}.ShortMessageContent`,
    false,
  ],
  [
    'deprecated',
    ['recipient', 'recipientSms', 'smsSettings', 'body'],
    '$.recipient.recipientSms.smsSettings',
    CONTENT_TYPE,
    `${DEPRECATED_DETAILS}.ShortMessageContent.Body`,
    true,
  ],
];

const cases = REQUIRED.map(([route, path, holderKey, holderType, modelKey, isString]) => ({
  title: `${route} ${path.join('.')}`,
  route,
  path,
  holderKey,
  holderType,
  modelKey,
  isString,
}));

describe('a required key that is missing (layer 1)', () => {
  it.each(cases)('is reported against its object for $title (contract §2.4, §3.1)', (c) => {
    const body = withValue(BODY_BY_ROUTE[c.route](), c.path, undefined);
    // Contract §3.1 / §4.4: JsonRequiredPropertyMissing text with the JSON name, plus "request".
    const missing = [
      c.holderKey,
      [`JSON deserialization for type '${c.holderType}' was missing required properties including: '${c.path.at(-1)}'.`],
    ];
    // ModelState order (§4.4): "$" sorts before "request", which sorts before any deeper path.
    const expected = c.holderKey === '$' ? [missing, REQUEST_REQUIRED] : [REQUEST_REQUIRED, missing];
    expect(errorEntries(c.route, body)).toEqual(expected);
  });

  it('lists every missing name of an object in declaration order (contract §4.4)', () => {
    expect(errorEntries('sms', { idempotencyId: 'x', recipientSms: {} })).toEqual([
      REQUEST_REQUIRED,
      [
        '$.recipientSms',
        [
          // Contract §4.4: names in single quotes, separated by ", ".
          `JSON deserialization for type '${DELIVERY_TYPE}' was missing required properties including: 'phoneNumber', 'timeToLiveInSeconds', 'smsSettings'.`,
        ],
      ],
    ]);
    expect(errorEntries('email', {})).toEqual([
      ['$', [`JSON deserialization for type '${EMAIL_TYPE}' was missing required properties including: 'idempotencyId', 'recipientEmail'.`]],
      REQUEST_REQUIRED,
    ]);
  });

  it('reports a missing timeToLiveInSeconds on both SMS shapes (contract §2.1, §2.3)', () => {
    const sms = withValue(BODY_BY_ROUTE.sms(), ['recipientSms', 'timeToLiveInSeconds'], undefined);
    expect(errorEntries('sms', sms)).toEqual([
      REQUEST_REQUIRED,
      // Contract §4.4.
      ['$.recipientSms', [`JSON deserialization for type '${DELIVERY_TYPE}' was missing required properties including: 'timeToLiveInSeconds'.`]],
    ]);
    const deprecated = withValue(BODY_BY_ROUTE.deprecated(), ['recipient', 'recipientSms', 'timeToLiveInSeconds'], undefined);
    expect(errorEntries('deprecated', deprecated)).toEqual([
      REQUEST_REQUIRED,
      // Contract §4.4.
      [
        '$.recipient.recipientSms',
        [`JSON deserialization for type '${DELIVERY_TYPE}' was missing required properties including: 'timeToLiveInSeconds'.`],
      ],
    ]);
  });
});

describe('a required key that is present but null, empty or blank (layer 2)', () => {
  it.each(cases)('fails [Required] for $title when null (contract §3.1)', (c) => {
    const body = withValue(BODY_BY_ROUTE[c.route](), c.path, null);
    // Contract §3.1: "The <C# property name> field is required." under the C# property path.
    expect(errorEntries(c.route, body)).toEqual([[c.modelKey, [`The ${c.modelKey.split('.').at(-1)} field is required.`]]]);
  });

  it.each(cases.filter((c) => c.isString).flatMap((c) => ['', '   ', '\t\u00a0'].map((blank) => ({ ...c, blank }))))(
    'fails [Required] for $title when the string is $blank (contract §3)',
    (c) => {
      const body = withValue(BODY_BY_ROUTE[c.route](), c.path, c.blank);
      // Contract §3.1, layer 2.
      expect(errorEntries(c.route, body)).toEqual([[c.modelKey, [`The ${c.modelKey.split('.').at(-1)} field is required.`]]]);
    },
  );

  it('turns a null timeToLiveInSeconds into a conversion error, because int is not nullable (contract §2.4)', () => {
    const body = '{"idempotencyId":"x","recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":null,"smsSettings":{"body":"b"}}}';
    expect(errorEntries('sms', body)).toEqual([
      REQUEST_REQUIRED,
      [
        '$.recipientSms.timeToLiveInSeconds',
        // Contract §3.1, §4.4: the value starts at byte 87; the position points just past "null".
        ['The JSON value could not be converted to System.Int32. Path: $.recipientSms.timeToLiveInSeconds | LineNumber: 0 | BytePositionInLine: 91.'],
      ],
    ]);
  });

  it('reports every [Required] failure at once, in ModelState order (contract §3, §4.4)', () => {
    let body = withValue(BODY_BY_ROUTE.sms(), ['idempotencyId'], '');
    body = withValue(body, ['recipientSms', 'phoneNumber'], null);
    body = withValue(body, ['recipientSms', 'smsSettings', 'body'], ' ');
    expect(errorEntries('sms', body)).toEqual([
      ['IdempotencyId', ['The IdempotencyId field is required.']],
      ['RecipientSms.PhoneNumber', ['The PhoneNumber field is required.']],
      ['RecipientSms.ShortMessageContent.Body', ['The Body field is required.']],
    ]);
  });

  it('puts the shorter key first on the same level, as ModelStateDictionary sorts by length (contract §4.4)', () => {
    expect(errorEntries('sms', { idempotencyId: null, recipientSms: null })).toEqual([
      ['RecipientSms', ['The RecipientSms field is required.']],
      ['IdempotencyId', ['The IdempotencyId field is required.']],
    ]);
  });
});

describe('an optional key', () => {
  it.each([
    ['sms', ['sendersReference']],
    ['sms', ['recipientSms', 'smsSettings', 'sender']],
    ['email', ['sendersReference']],
    ['email', ['recipientEmail', 'emailSettings', 'senderEmailAddress']],
    ['email', ['recipientEmail', 'emailSettings', 'contentType']],
    ['deprecated', ['sendersReference']],
    ['deprecated', ['recipient', 'recipientSms', 'smsSettings', 'sender']],
  ] as Array<[InstantRoute, string[]]>)('may be left out on %s: %j (contract §2)', (route, path) => {
    accepted(route, withValue(BODY_BY_ROUTE[route](), path, undefined));
  });
});
