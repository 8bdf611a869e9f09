import { describe, expect, it } from 'vitest';
import { accepted, errorEntries, REQUEST_REQUIRED, SMS_TYPE } from './helpers.js';

/**
 * Bodies arrive as bytes. System.Text.Json's reader rejects bytes that are not UTF-8 only outside
 * strings; inside one they fail only when a converter asks for the string (`GetString()`), and pass
 * unnoticed in property names and in skipped values (dotnet/aspnetcore#8475).
 */

/** A body from text (sent as UTF-8) and raw byte values. */
const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Uint8Array.from(part))));

const REST = ',"recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":300,"smsSettings":{"body":"b"}}}';
const VALID_SMS = `{"idempotencyId":"x"${REST}`;

const located = (text: string, path: string, byte: number): [string, string[]] => [
  path,
  [`${text} Path: ${path} | LineNumber: 0 | BytePositionInLine: ${byte}.`],
];

/** ModelState order (contract §4.4): "$" before "request", "request" before deeper paths. */
const ordered = (entry: [string, string[]]): Array<[string, string[]] | typeof REQUEST_REQUIRED> =>
  entry[0] === '$' ? [entry, REQUEST_REQUIRED] : [REQUEST_REQUIRED, entry];

const notAString = (path: string, byte: number) =>
  ordered(located('The JSON value could not be converted to System.String.', path, byte));

describe('bytes that are not UTF-8 in a string bound to a string property', () => {
  it.each([
    // `{"idempotencyId":"` is 18 bytes; each bad byte counts one, then the closing quote.
    ['0xFF 0xFE 0xC3', [0xff, 0xfe, 0xc3], 22],
    ['a lone continuation byte', [0x80], 20],
    ['a truncated four-byte sequence (emoji without its last byte)', [0xf0, 0x9f, 0x98], 22],
    ['an overlong encoding of "/"', [0xc0, 0xaf], 21],
    ['an encoded UTF-16 surrogate', [0xed, 0xa0, 0x80], 22],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 23],
  ])('fail conversion after the string for %s, with "request"', (_, bad, byte) => {
    // `GetString()` throws "Cannot transcode invalid UTF-8…"; `ReadCore` rethrows it as the plain
    // conversion message, positioned just past the string token.
    expect(errorEntries('sms', bytes('{"idempotencyId":"', bad, `"${REST}`))).toEqual(
      notAString('$.idempotencyId', byte),
    );
  });

  it('fail in a nested or optional string too', () => {
    const body = bytes('{"idempotencyId":"x","sendersReference":"r', [0xff], `"${REST}`);
    expect(errorEntries('sms', body)).toEqual(notAString('$.sendersReference', 44));
    const nested = bytes(VALID_SMS.replace('"b"}}}', '"'), [0xe6], 'b"}}}');
    expect(errorEntries('sms', nested)).toEqual(notAString('$.recipientSms.smsSettings.body', 117));
  });

  it('fail in a string with escapes, counting each bad byte as one', () => {
    // 18 bytes, then `\n` (2), the bad byte (1), "é" (2) and the closing quote.
    expect(errorEntries('sms', bytes('{"idempotencyId":"\\n', [0xff], 'é"}'))).toEqual(notAString('$.idempotencyId', 24));
  });

  it('fail an int32 or an enum read from such a string, with their own type', () => {
    // The TTL value starts at byte 87: `"30`, the bad byte and `"` end at 92.
    const [beforeTtl, afterTtl] = VALID_SMS.split('300');
    expect(errorEntries('sms', bytes(`${beforeTtl}"30`, [0xff], `"${afterTtl}`))).toEqual([
      REQUEST_REQUIRED,
      located('The JSON value could not be converted to System.Int32.', '$.recipientSms.timeToLiveInSeconds', 92),
    ]);
    // The contentType value starts at byte 119: `"Plain`, the bad byte and `"` end at 127.
    const email = bytes(
      '{"idempotencyId":"x","recipientEmail":{"emailAddress":"a@b.no","emailSettings":{"subject":"s","body":"b","contentType":"Plain',
      [0xff],
      '"}}}',
    );
    expect(errorEntries('email', email)).toEqual([
      REQUEST_REQUIRED,
      located(
        'The JSON value could not be converted to Altinn.Notifications.Models.EmailContentTypeExt.',
        '$.recipientEmail.emailSettings.contentType',
        127,
      ),
    ]);
  });
});

describe('bytes that are not UTF-8 in a property name', () => {
  it('make the name unknown, so it is skipped (a required property is then missing)', () => {
    // `JsonTypeInfo.GetProperty` decodes the name leniently, finds nothing and skips the value.
    expect(errorEntries('sms', bytes('{"idempotencyId', [0xff], `":"x"${REST}`))).toEqual([
      [
        '$',
        [`JSON deserialization for type '${SMS_TYPE}' was missing required properties including: 'idempotencyId'.`],
      ],
      REQUEST_REQUIRED,
    ]);
  });

  it('do not reject an otherwise valid body', () => {
    expect(accepted('sms', bytes('{"', [0xff, 0xfe], `":"x",${VALID_SMS.slice(1)}`)).idempotencyId).toBe('x');
  });

  it('show as U+FFFD, one per ill-formed sequence, in the path of a later error', () => {
    // `ReadStack.JsonPath()` decodes the name with `Encoding.UTF8` (maximal subparts: F0 9F 98 is one U+FFFD).
    // `{"a` 3 + 3 bad bytes + `":` 2 = 8; "tru" mismatches at its fourth byte.
    expect(errorEntries('sms', bytes('{"a', [0xf0, 0x9f, 0x98], '":tru}'))).toEqual(
      ordered(located("'tru}' is an invalid JSON literal. Expected the literal 'true'.", '$.a\uFFFD', 11)),
    );
  });
});

describe('bytes that are not UTF-8 in a string of an unknown property', () => {
  it('pass unnoticed, since skipping never decodes the string', () => {
    const body = bytes('{"extra":"', [0xff, 0xfe, 0xc3], '","deep":[{"x":"', [0x80], `"}],${VALID_SMS.slice(1)}`);
    expect(accepted('sms', body).idempotencyId).toBe('x');
  });
});

describe('bytes that are not UTF-8 outside any string', () => {
  it.each([
    ['at the start', bytes([0xff], VALID_SMS), located("'0xFF' is an invalid start of a value.", '$', 0)],
    [
      'between tokens, after a value',
      bytes('{"idempotencyId":"x"', [0xff], REST),
      located("'0xFF' is invalid after a value. Expected either ',', '}', or ']'.", '$', 20),
    ],
    [
      'before a property name',
      bytes('{', [0xff], VALID_SMS.slice(1)),
      located(`'0xFF' is an invalid start of a property name. Expected a '"'.`, '$', 1),
    ],
    [
      'where a value starts',
      bytes('{"idempotencyId":', [0xc3, 0xa6], '}'),
      // Only the first byte of a (here well-formed) character is named.
      located("'0xC3' is an invalid start of a value.", '$.idempotencyId', 17),
    ],
    [
      'after the root value',
      bytes(VALID_SMS, [0xfe]),
      located("'0xFE' is invalid after a single JSON value. Expected end of data.", '$', VALID_SMS.length),
    ],
    [
      'after a backslash in a string',
      bytes('{"idempotencyId":"\\', [0xff], '"}'),
      located(
        "'0xFF' is an invalid escapable character within a JSON string. The string should be correctly escaped.",
        '$.idempotencyId',
        19,
      ),
    ],
    [
      'inside a literal (the quoted rest of the payload has U+FFFD)',
      bytes('{"a":tr', [0xff], 'e}'),
      located("'tr\uFFFDe}' is an invalid JSON literal. Expected the literal 'true'.", '$.a', 7),
    ],
    [
      'as a half byte order mark',
      bytes([0xef, 0xbb], VALID_SMS),
      located("'0xEF' is an invalid start of a value.", '$', 0),
    ],
  ])('are rejected by the reader: %s, with "request"', (_, body, entry) => {
    expect(errorEntries('sms', body)).toEqual(ordered(entry));
  });
});

describe('well-formed multi-byte UTF-8 as bytes', () => {
  it('is accepted as text', () => {
    const body = bytes(VALID_SMS.replace('"x"', '"æøå 😀"').replace('"b"}', '"Hei på deg 👋🏽"}'));
    const request = accepted('sms', body);
    expect([request.idempotencyId, request.body]).toEqual(['æøå 😀', 'Hei på deg 👋🏽']);
  });

  it.each([
    // `{"sendersReference":"` 21 + "æøå" 6 + "😀" 4 + `","idempotencyId":` 18 + `1` = 50.
    ['{"sendersReference":"æøå😀","idempotencyId":1}', 50],
    // Through the escape-validating path: 21 + "æ" 2 + `\n` 2 + "ø" 2 + `","idempotencyId":` 18 + `1` = 46.
    ['{"sendersReference":"æ\\nø","idempotencyId":1}', 46],
  ])('counts its bytes in a later BytePositionInLine: %s', (text, byte) => {
    expect(errorEntries('sms', bytes(text))).toEqual(notAString('$.idempotencyId', byte));
    expect(errorEntries('sms', text)).toEqual(notAString('$.idempotencyId', byte));
  });

  it('may follow a byte order mark, which is skipped', () => {
    expect(errorEntries('sms', bytes([0xef, 0xbb, 0xbf], VALID_SMS.replace('300', '30')))).toEqual([
      // Contract §3.1: the TTL rule ran, so the body was read.
      ['RecipientSms.TimeToLiveInSeconds', ['Time-to-live must be between 60 and 172800 seconds (48 hours).']],
    ]);
  });
});
