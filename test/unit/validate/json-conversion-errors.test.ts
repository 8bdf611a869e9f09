import { describe, expect, it } from 'vitest';
import { DEPRECATED_TYPE, EMAIL_TYPE, errorEntries, REQUEST_REQUIRED, SMS_TYPE } from './helpers.js';

/** A compact SMS body; the TTL value starts at byte 87 of line 0. */
const smsWithTtl = (ttl: string): string =>
  `{"idempotencyId":"x","recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":${ttl},"smsSettings":{"body":"b"}}}`;

/** A compact email body; the contentType value starts at byte 119 of line 0. */
const emailWithContentType = (contentType: string): string =>
  `{"idempotencyId":"x","recipientEmail":{"emailAddress":"a@b.no","emailSettings":{"subject":"s","body":"b","contentType":${contentType}}}}`;

const conversion = (type: string, path: string, line: number, byte: number): [string, string[]] => [
  path,
  [`The JSON value could not be converted to ${type}. Path: ${path} | LineNumber: ${line} | BytePositionInLine: ${byte}.`],
];

const TTL_PATH = '$.recipientSms.timeToLiveInSeconds';
const CONTENT_TYPE_PATH = '$.recipientEmail.emailSettings.contentType';
const ENUM_TYPE = 'Altinn.Notifications.Models.EmailContentTypeExt';

describe('a timeToLiveInSeconds that is not an int32', () => {
  it.each([
    ['300.5', 92, 'a fraction'],
    ['3e2', 90, 'an exponent'],
    ['2147483648', 97, 'one above int32'],
    ['-2147483649', 98, 'one below int32'],
    ['"abc"', 92, 'a non-numeric string'],
    ['" 300"', 93, 'a quoted number with a leading space'],
    ['"300.0"', 94, 'a quoted fraction'],
    ['true', 91, 'a boolean'],
    ['{}', 88, 'an object (the position is just past "{")'],
    ['[300]', 88, 'an array (the position is just past "[")'],
  ])('rejects %s, %s (contract §2.4, §4.4)', (ttl, byte) => {
    // Contract §3.1: conversion error text with Path / LineNumber / BytePositionInLine, plus "request";
    // "request" comes first because it is higher in the ModelState tree (§4.4).
    expect(errorEntries('sms', smsWithTtl(ttl))).toEqual([REQUEST_REQUIRED, conversion('System.Int32', TTL_PATH, 0, byte)]);
  });
});

describe('a contentType that the string-enum converter cannot read', () => {
  it.each([
    ['"Markdown"', 129, 'an unknown name'],
    ['null', 123, 'null'],
    ['1.5', 122, 'a fraction'],
    ['""', 121, 'an empty string'],
    ['"Plain,,Html"', 132, 'an empty name between commas'],
    ['true', 123, 'a boolean'],
  ])('rejects %s, %s (contract §2.4)', (contentType, byte) => {
    // Contract §3.1 / §4.4.
    expect(errorEntries('email', emailWithContentType(contentType))).toEqual([
      REQUEST_REQUIRED,
      conversion(ENUM_TYPE, CONTENT_TYPE_PATH, 0, byte),
    ]);
  });
});

describe('a value of the wrong JSON type', () => {
  it('rejects a number where a string is expected (contract §2.4)', () => {
    // Contract §3.1: the position is just past "123".
    expect(errorEntries('sms', '{"idempotencyId":123}')).toEqual([
      REQUEST_REQUIRED,
      conversion('System.String', '$.idempotencyId', 0, 20),
    ]);
  });

  it.each([
    ['true', 21],
    ['{"a":1}', 18],
    ['["x"]', 18],
  ])('rejects %s where a string is expected (contract §2.4)', (value, byte) => {
    // Contract §3.1 / §4.4.
    expect(errorEntries('sms', `{"idempotencyId":${value}}`)).toEqual([
      REQUEST_REQUIRED,
      conversion('System.String', '$.idempotencyId', 0, byte),
    ]);
  });

  it('rejects a number as sendersReference (contract §2.4)', () => {
    // Contract §3.1 / §4.4.
    expect(errorEntries('sms', '{"sendersReference":5}')).toEqual([
      REQUEST_REQUIRED,
      conversion('System.String', '$.sendersReference', 0, 21),
    ]);
  });

  it.each([
    ['"x"', 19],
    ['[]', 17],
    ['true', 20],
    ['42', 18],
  ])('rejects %s where the recipientSms object is expected (contract §2.4, §4.4)', (value, byte) => {
    // Contract §4.4: the CLR type of the nested model.
    expect(errorEntries('sms', `{"recipientSms":${value}}`)).toEqual([
      REQUEST_REQUIRED,
      conversion('Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt', '$.recipientSms', 0, byte),
    ]);
  });

  it('rejects an array where recipientEmail and recipient are expected (contract §4.4)', () => {
    // Contract §4.4: CLR type names.
    expect(errorEntries('email', '{"recipientEmail":[]}')).toEqual([
      REQUEST_REQUIRED,
      conversion('Altinn.Notifications.Models.Email.InstantEmailDetailsExt', '$.recipientEmail', 0, 19),
    ]);
    expect(errorEntries('deprecated', '{"recipient":[]}')).toEqual([
      REQUEST_REQUIRED,
      conversion('Altinn.Notifications.Models.Recipient.InstantNotificationRecipientExt', '$.recipient', 0, 14),
    ]);
  });

  it.each([
    ['sms', SMS_TYPE],
    ['email', EMAIL_TYPE],
    ['deprecated', DEPRECATED_TYPE],
  ] as const)('rejects a root array on the %s route (contract §4.4)', (route, type) => {
    // Contract §4.4: key "$" sorts before "request"; the position is just past "[".
    expect(errorEntries(route, '[{"idempotencyId":"x"}]')).toEqual([conversion(type, '$', 0, 1), REQUEST_REQUIRED]);
  });

  it.each([
    ['"x"', 3],
    ['42', 2],
    ['true', 4],
  ])('rejects the root value %s (contract §4.4)', (body, byte) => {
    // Contract §4.4.
    expect(errorEntries('sms', body)).toEqual([conversion(SMS_TYPE, '$', 0, byte), REQUEST_REQUIRED]);
  });

  it('treats a root null like an empty body (contract §3.1)', () => {
    // Contract §3.1: empty request body row.
    expect(errorEntries('sms', 'null')).toEqual([['', ['A non-empty request body is required.']], REQUEST_REQUIRED]);
  });
});

describe('the position in a conversion message', () => {
  it('counts lines from 0 and bytes from the start of the line (contract §3.1)', () => {
    const body = JSON.stringify(
      { idempotencyId: 'x', recipientSms: { phoneNumber: '+4799999999', timeToLiveInSeconds: true } },
      null,
      2,
    );
    // Line 4 is `    "timeToLiveInSeconds": true`; the position points just past `true`.
    expect(errorEntries('sms', body)).toEqual([REQUEST_REQUIRED, conversion('System.Int32', TTL_PATH, 4, 31)]);
    expect(errorEntries('sms', body.replaceAll('\n', '\r\n'))).toEqual([
      REQUEST_REQUIRED,
      conversion('System.Int32', TTL_PATH, 4, 31),
    ]);
  });

  it('counts UTF-8 bytes, not characters (contract §3.1)', () => {
    // "æøå" is 6 bytes, so `"x"` ends at byte 44 rather than character 41.
    expect(errorEntries('sms', '{"idempotencyId":"æøå","recipientSms":"x"}')).toEqual([
      REQUEST_REQUIRED,
      conversion('Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt', '$.recipientSms', 0, 44),
    ]);
  });

  it('names the property as it was sent, not as declared (contract §2.4)', () => {
    // Contract §4.4: the path is the JSON path of the payload.
    expect(errorEntries('sms', '{"IdempotencyId":1}')).toEqual([REQUEST_REQUIRED, conversion('System.String', '$.IdempotencyId', 0, 18)]);
  });

  it('reports the first problem in document order, before any later syntax error (contract §3)', () => {
    expect(errorEntries('sms', '{"idempotencyId":1,,,')).toEqual([REQUEST_REQUIRED, conversion('System.String', '$.idempotencyId', 0, 18)]);
  });
});

describe('values that deserialize', () => {
  it('reads a TTL sent as a string, with a sign or leading zeros (contract §2.4)', () => {
    for (const ttl of ['"300"', '"+300"', '"0300"']) {
      expect(errorEntries('sms', smsWithTtl(ttl).replace('"+4799999999"', '"+4712345678"'))).toEqual([
        // Contract §3.1: only the phone rule fails, so the TTL was read as 300.
        ['RecipientSms.PhoneNumber', ['Recipient phone number is not a valid mobile number.']],
      ]);
    }
  });

  it('matches property names case-insensitively (contract §2.4)', () => {
    const body = JSON.stringify({
      IDEMPOTENCYID: 'x',
      RecipientSMS: { PhoneNumber: '+4799999999', TIMETOLIVEINSECONDS: 60, SmsSettings: { BODY: 'b' } },
    });
    expect(errorEntries('sms', body.replace('"b"', '""'))).toEqual([
      // Contract §3.1: the C# path, whatever the casing of the JSON names.
      ['RecipientSms.ShortMessageContent.Body', ['The Body field is required.']],
    ]);
  });

  it('keeps the last of duplicate keys (contract §2.4)', () => {
    const body = smsWithTtl('300').replace('"idempotencyId":"x"', '"idempotencyId":"a","idempotencyId":null');
    // Contract §3.1: the later null wins and fails [Required].
    expect(errorEntries('sms', body)).toEqual([['IdempotencyId', ['The IdempotencyId field is required.']]]);
  });
});
