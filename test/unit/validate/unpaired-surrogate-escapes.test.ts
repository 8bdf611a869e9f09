import { describe, expect, it } from 'vitest';
import { accepted, errorEntries, REQUEST_REQUIRED, SMS_TYPE } from './helpers.js';

/**
 * A `\uXXXX` escape of a UTF-16 surrogate that is not part of a pair passes System.Text.Json's
 * reader (it checks only for four hex digits) but not its unescaper: `JsonReaderHelper.TryUnescape`
 * throws `ThrowInvalidOperationException_ReadInvalidUTF16` (a low surrogate first, or a high one
 * followed by an escape that is not a low surrogate) or `…_ReadIncompleteUTF16` (a high one not
 * followed by "\u"). The exception is marked with `ExceptionSourceValueToRethrowAsJsonException`,
 * so `JsonConverter<T>.ReadCore` rethrows it through `ThrowHelper.ReThrowWithPath` as the plain
 * conversion message, positioned just past the token. Bodies here are JSON text, so "\\u" below is
 * the six characters of an escape.
 */

const REST = ',"recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":300,"smsSettings":{"body":"b"}}}';
const TAIL = REST.slice(1, -1); // the recipientSms member without the surrounding ',' and '}'

const notConverted = (type: string, path: string, byte: number): [string, string[]] => [
  path,
  [`The JSON value could not be converted to ${type}. Path: ${path} | LineNumber: 0 | BytePositionInLine: ${byte}.`],
];

/** ModelState order (contract §4.4): "$" before "request", "request" before deeper paths. */
const ordered = (entry: [string, string[]]): Array<[string, string[]] | typeof REQUEST_REQUIRED> =>
  entry[0] === '$' ? [entry, REQUEST_REQUIRED] : [REQUEST_REQUIRED, entry];

describe('an unpaired surrogate escape in a string bound to a string property', () => {
  it.each([
    ['a lone high surrogate', '\\ud800'],
    ['a lone low surrogate', '\\udc00'],
    ['a high surrogate followed by an unescaped character', '\\ud800x'],
    ['a high surrogate followed by a simple escape', '\\ud800\\n'],
    ['a high surrogate followed by an escape that is not a low surrogate', '\\ud800\\u0041'],
    ['two high surrogates', '\\ud800\\udbff'],
    ['a low surrogate before a high one', '\\udc00\\ud800'],
    ['upper-case hex digits', '\\uDFFF'],
    ['a good pair followed by a lone low surrogate', '\\ud83d\\ude00\\ude00'],
  ])('fails conversion to System.String for %s, with "request"', (_, escape) => {
    // `{"idempotencyId":"` is 18 bytes; every character of the escapes is one byte; then the quote.
    const byte = 18 + escape.length + 1;
    expect(errorEntries('sms', `{"idempotencyId":"${escape}"${REST}`)).toEqual(
      ordered(notConverted('System.String', '$.idempotencyId', byte)),
    );
  });

  it('no longer lets "\\ud800" and "\\udc00" through as the same idempotencyId', () => {
    for (const escape of ['\\ud800', '\\udc00']) {
      expect(errorEntries('sms', `{"idempotencyId":"id-${escape}"${REST}`)[1]![0]).toBe('$.idempotencyId');
    }
  });

  it('fails in the middle of other text, in an optional property and in a nested one too', () => {
    expect(errorEntries('sms', `{"idempotencyId":"a\\ud800b"${REST}`)).toEqual(
      ordered(notConverted('System.String', '$.idempotencyId', 27)),
    );
    // `{"idempotencyId":"x","sendersReference":"` is 41 bytes, then 6 and the quote.
    expect(errorEntries('sms', `{"idempotencyId":"x","sendersReference":"\\udc00"${REST}`)).toEqual(
      ordered(notConverted('System.String', '$.sendersReference', 48)),
    );
    const nested = `{"idempotencyId":"x"${REST.replace('"+4799999999"', '"+47\\ud800"')}`;
    // `{"idempotencyId":"x","recipientSms":{"phoneNumber":"` is 52 bytes, then `+47` 3, 6 and the quote.
    expect(errorEntries('sms', nested)).toEqual(ordered(notConverted('System.String', '$.recipientSms.phoneNumber', 62)));
  });

  it('is rejected the same way when the body arrives as UTF-8 bytes', () => {
    const body = Buffer.from(`{"idempotencyId":"\\ud800"${REST}`, 'utf8');
    expect(errorEntries('sms', body)).toEqual(ordered(notConverted('System.String', '$.idempotencyId', 25)));
  });

  it('is rejected when a high surrogate escape is followed by the raw bytes of a low surrogate', () => {
    // ED B0 80 is U+DC00 encoded as UTF-8, which is not UTF-8; the unescaper stops at the escape first.
    const body = Buffer.concat([Buffer.from('{"idempotencyId":"\\ud800'), Buffer.from([0xed, 0xb0, 0x80]), Buffer.from(`"${REST}`)]);
    expect(errorEntries('sms', body)).toEqual(ordered(notConverted('System.String', '$.idempotencyId', 28)));
  });
});

describe('a surrogate pair written as two escapes', () => {
  it.each([
    ['lower-case', '\\ud83d\\ude00'],
    ['upper-case', '\\uD83D\\uDE00'],
    ['next to other escapes', '\\n\\ud83d\\ude00\\t'],
  ])('is accepted as the character it encodes (%s)', (_, escape) => {
    const request = accepted('sms', `{"idempotencyId":"${escape}"${REST}`);
    expect(request.idempotencyId).toBe(JSON.parse(`"${escape}"`));
    expect(request.idempotencyId).toContain('😀');
  });

  it('is accepted in a property name, which is then just unknown', () => {
    expect(accepted('sms', `{"\\ud83d\\ude00":1,"idempotencyId":"x"${REST}`).idempotencyId).toBe('x');
  });
});

describe('an unpaired surrogate escape read as a number or an enum', () => {
  it('fails with System.Int32 for a quoted timeToLiveInSeconds', () => {
    const body = `{"idempotencyId":"x"${REST.replace('300', '"30\\ud800"')}`;
    // The TTL value starts at byte 87: `"30`, 6 and the quote end at 97.
    expect(errorEntries('sms', body)).toEqual(
      ordered(notConverted('System.Int32', '$.recipientSms.timeToLiveInSeconds', 97)),
    );
  });

  it('fails with the enum type for a quoted contentType', () => {
    const body =
      '{"idempotencyId":"x","recipientEmail":{"emailAddress":"a@b.no","emailSettings":{"subject":"s","body":"b","contentType":"Plain\\udc00"}}}';
    // The contentType value starts at byte 119: `"Plain`, 6 and the quote end at 132.
    expect(errorEntries('email', body)).toEqual(
      ordered(
        notConverted('Altinn.Notifications.Models.EmailContentTypeExt', '$.recipientEmail.emailSettings.contentType', 132),
      ),
    );
  });
});

describe('an unpaired surrogate escape in a property name', () => {
  // `JsonSerializer.GetPropertyName` unescapes every name of an object being read before the
  // lookup, so a known and an unknown name fail alike. The type is the object's own (the frame's
  // `JsonTypeInfo`; no property is current), and so is the path. The position is past the ':'.
  it('fails a misspelt known name with the conversion message for the root type, at "$"', () => {
    // `{"idempotency` 13 + 6 + `Id":` 4 = 23.
    expect(errorEntries('sms', `{"idempotency\\ud800Id":"x"${REST}`)).toEqual(
      ordered(notConverted(SMS_TYPE, '$', 23)),
    );
  });

  it('fails an unknown name too, before any later problem in the body', () => {
    // `{"` 2 + 6 + `":` 2 = 10; the required keys that are missing later are never reached.
    expect(errorEntries('sms', '{"\\udc00":1}')).toEqual(ordered(notConverted(SMS_TYPE, '$', 10)));
  });

  it('fails after earlier properties with the path of the object, not of the previous property', () => {
    // `{"idempotencyId":"x","` 22 + `\ud800x` 7 + `":` 2 = 31.
    expect(errorEntries('sms', `{"idempotencyId":"x","\\ud800x":1,${TAIL}}`)).toEqual(
      ordered(notConverted(SMS_TYPE, '$', 31)),
    );
  });

  it('fails in a nested object with that object type and path', () => {
    // `{"idempotencyId":"x","recipientSms":{"` 38 + 6 + `":` 2 = 46.
    const body = `{"idempotencyId":"x","recipientSms":{"\\ud800":1,${REST.slice('"recipientSms":{'.length + 1)}`;
    expect(errorEntries('sms', body)).toEqual(
      ordered(notConverted('Altinn.Notifications.Models.Sms.ShortMessageDeliveryDetailsExt', '$.recipientSms', 46)),
    );
  });

  it('fails on the deprecated route with its own root type', () => {
    expect(errorEntries('deprecated', '{"\\ud800":1}')).toEqual(
      ordered(notConverted('Altinn.Notifications.Models.Orders.InstantNotificationOrderRequestExt', '$', 10)),
    );
  });
});

describe('an unpaired surrogate escape inside a skipped value', () => {
  it('passes unnoticed, since skipping never unescapes names or strings', () => {
    const body = `{"extra":"\\ud800","deep":{"\\udc00":["\\ud800x"]},"idempotencyId":"x"${REST}`;
    expect(accepted('sms', body).idempotencyId).toBe('x');
  });
});
