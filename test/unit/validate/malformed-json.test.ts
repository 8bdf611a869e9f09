import { describe, expect, it } from 'vitest';
import { errorEntries, REQUEST_REQUIRED } from './helpers.js';

const VALID_SMS =
  '{"idempotencyId":"x","recipientSms":{"phoneNumber":"+4799999999","timeToLiveInSeconds":300,"smsSettings":{"body":"b"}}}';

/** The System.Text.Json reader text with the path inserted before the position (contract §3.1, §4.4). */
const readerError = (text: string, path: string, byte: number, line = 0): [string, string[]] => [
  path,
  [`${text} Path: ${path} | LineNumber: ${line} | BytePositionInLine: ${byte}.`],
];

/** ModelState order (contract §4.4): "$" before "request", "request" before deeper paths. */
const ordered = (entry: [string, string[]]): Array<[string, string[]] | typeof REQUEST_REQUIRED> =>
  entry[0] === '$' ? [entry, REQUEST_REQUIRED] : [REQUEST_REQUIRED, entry];

describe('a body that is not valid JSON', () => {
  it.each([
    [
      'a trailing comma in an object',
      '{"idempotencyId":"x",}',
      readerError(
        'The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.',
        '$',
        21,
      ),
    ],
    [
      'a trailing comma in an array',
      '{"a":[1,2,]}',
      readerError(
        'The JSON array contains a trailing comma at the end which is not supported in this mode. Change the reader options.',
        '$.a',
        10,
      ),
    ],
    [
      'a block comment',
      '{/* c */}',
      readerError("'/' is invalid after a value. Expected either ',', '}', or ']'.", '$', 1),
    ],
    [
      'a line comment before a value',
      '{"idempotencyId": // c\n"x"}',
      readerError("'/' is invalid after a value. Expected either ',', '}', or ']'.", '$.idempotencyId', 18),
    ],
    [
      'data after the value',
      `${VALID_SMS} x`,
      readerError("'x' is invalid after a single JSON value. Expected end of data.", '$', VALID_SMS.length + 1),
    ],
    [
      'a second closing brace',
      `${VALID_SMS}}`,
      readerError("'}' is invalid after a single JSON value. Expected end of data.", '$', VALID_SMS.length),
    ],
    [
      'data after a root null',
      'null x',
      readerError("'x' is invalid after a single JSON value. Expected end of data.", '$', 5),
    ],
    [
      'an unclosed object',
      '{"idempotencyId":"x"',
      readerError(
        'Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.',
        '$',
        20,
      ),
    ],
    [
      'an unterminated string',
      '{"idempotencyId":"x',
      readerError('Expected end of string, but instead reached end of data.', '$.idempotencyId', 19),
    ],
    [
      'single quotes',
      "{'a':1}",
      readerError(`''' is an invalid start of a property name. Expected a '"'.`, '$', 1),
    ],
    ['a bare word', 'x', readerError("'x' is an invalid start of a value.", '$', 0)],
    [
      'a missing colon',
      '{"a" 1}',
      readerError("'1' is invalid after a property name. Expected a ':'.", '$', 5),
    ],
    [
      'a missing comma',
      '{"a":1 "b":2}',
      readerError(`'"' is invalid after a value. Expected either ',', '}', or ']'.`, '$', 7),
    ],
    ['a leading zero', '{"a": 01}', readerError("Invalid leading zero before '1'.", '$.a', 7)],
    [
      'a number ending in a dot',
      '{"a":1.}',
      readerError(
        "'}' is invalid within a number, immediately after a decimal point ('.'). Expected a digit ('0'-'9').",
        '$.a',
        7,
      ),
    ],
    [
      'a number at the end of the data',
      '{"a":1',
      readerError("'1' is an invalid end of a number. Expected a delimiter.", '$.a', 6),
    ],
    [
      'a raw line break in a string',
      '{"a":"x\ny"}',
      readerError("'0x0A' is invalid within a JSON string. The string should be correctly escaped.", '$.a', 7),
    ],
    [
      'an unknown escape',
      '{"a":"\\x"}',
      readerError(
        "'x' is an invalid escapable character within a JSON string. The string should be correctly escaped.",
        '$.a',
        7,
      ),
    ],
    [
      'a short \\u escape',
      '{"a":"\\u12G4"}',
      readerError(
        "'G' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped.",
        '$.a',
        10,
      ),
    ],
    [
      'a bracket that closes nothing',
      '{"a":[1}',
      readerError("'}' is invalid without a matching open.", '$.a', 7),
    ],
    [
      'a misspelt literal (the message quotes the rest of the payload)',
      '{"a":tru}',
      readerError("'tru}' is an invalid JSON literal. Expected the literal 'true'.", '$.a', 8),
    ],
    ['a non-ASCII character', '{"a":é}', readerError("'0xC3' is an invalid start of a value.", '$.a', 5)],
    [
      'the end of data after a comma',
      '{"a":1,',
      readerError('Expected start of a property name or value, but instead reached end of data.', '$', 6),
    ],
    [
      'the end of data after a property name',
      '{"a"',
      readerError('Expected a value, but instead reached end of data.', '$', 4),
    ],
    [
      'the end of data after a colon',
      '{"a":',
      readerError(
        'Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.',
        '$.a',
        5,
      ),
    ],
    [
      'nesting deeper than 32 levels',
      `{"a":${'['.repeat(40)}`,
      readerError('The maximum configured depth of 32 has been exceeded. Cannot read next JSON array.', '$.a', 36),
    ],
    [
      'white space only',
      '   ',
      readerError(
        'The input does not contain any JSON tokens. Expected the input to start with a valid JSON token, when isFinalBlock is true.',
        '$',
        3,
      ),
    ],
    [
      'a broken value under a property name that needs brackets in the path',
      '{"a b":[}',
      readerError("'}' is an invalid start of a value.", "$['a b']", 8),
    ],
  ])('is rejected for %s (contract §2.4, §3.1)', (_, body, entry) => {
    expect(errorEntries('sms', body)).toEqual(ordered(entry));
  });

  it('counts the line of the error from 0 (contract §3.1)', () => {
    // Line 2 is `  "b": tru`; the literal check fails at its fourth character.
    expect(errorEntries('sms', '{\n  "a": 1,\n  "b": tru\n}')).toEqual(
      ordered(readerError("'tru\n}' is an invalid JSON literal. Expected the literal 'true'.", '$.b', 10, 2)),
    );
  });
});

describe('an empty body', () => {
  it('is rejected with the empty key and "request" (contract §3.1)', () => {
    // Contract §3.1: empty request body row.
    expect(errorEntries('email', '')).toEqual([['', ['A non-empty request body is required.']], REQUEST_REQUIRED]);
  });
});

describe('a body with unknown properties', () => {
  it('ignores them, however nested, when they are valid JSON (contract §2.4)', () => {
    const body = VALID_SMS.replace('{', '{"requestedSendTime":"2026-01-01T00:00:00Z","extra":[1,{"deep":[true,null]}],');
    expect(errorEntries('sms', body.replace('"+4799999999"', '"bad"'))).toEqual([
      // Contract §3.1: only the phone rule fails, so the unknown properties were skipped.
      ['RecipientSms.PhoneNumber', ['Recipient phone number is not a valid mobile number.']],
    ]);
  });

  it('accepts a UTF-8 byte order mark before the body', () => {
    expect(errorEntries('sms', `\uFEFF${VALID_SMS.replace('300', '30')}`)).toEqual([
      // Contract §3.1: the TTL rule ran, so the body was read.
      ['RecipientSms.TimeToLiveInSeconds', ['Time-to-live must be between 60 and 172800 seconds (48 hours).']],
    ]);
  });
});
