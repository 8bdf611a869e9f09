import { describe, expect, it } from 'vitest';
import { accepted, BODY_BY_ROUTE, deprecatedBody, emailBody, errorEntries, smsBody, withValue } from './helpers.js';

const TTL_MESSAGE = 'Time-to-live must be between 60 and 172800 seconds (48 hours).';
const PHONE_MESSAGE = 'Recipient phone number is not a valid mobile number.';
const EMAIL_MESSAGE = 'Invalid email address format.';
const CONTENT_TYPE_MESSAGE = 'Email content type must be either Plain or HTML.';

describe('the SMS rules (layer 3)', () => {
  it.each([59, 172801, 0, -1])('rejects a TTL of %i (contract §3.1)', (ttl) => {
    // Contract §3.1: TTL row, exact message.
    expect(errorEntries('sms', withValue(smsBody(), ['recipientSms', 'timeToLiveInSeconds'], ttl))).toEqual([
      ['RecipientSms.TimeToLiveInSeconds', [TTL_MESSAGE]],
    ]);
  });

  it.each([60, 172800])('accepts a TTL of %i, the inclusive bounds (contract §3.1)', (ttl) => {
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'timeToLiveInSeconds'], ttl))).toMatchObject({
      timeToLiveInSeconds: ttl,
    });
  });

  it('accepts a TTL sent as the string "300" (contract §2.4)', () => {
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'timeToLiveInSeconds'], '300'))).toMatchObject({
      timeToLiveInSeconds: 300,
    });
  });

  it('accepts a landline and "00+47…" (contract §3.2)', () => {
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'phoneNumber'], '+4722225555')).phoneNumber).toBe('+4722225555');
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'phoneNumber'], '00+4799999999')).phoneNumber).toBe(
      '00+4799999999',
    );
  });

  it('reports the phone and TTL rules together (contract §3)', () => {
    let body = withValue(smsBody(), ['recipientSms', 'phoneNumber'], '+4712345678');
    body = withValue(body, ['recipientSms', 'timeToLiveInSeconds'], 10);
    // Contract §3.1: both FluentValidation errors, keys in ModelState order (§4.4).
    expect(errorEntries('sms', body)).toEqual([
      ['RecipientSms.PhoneNumber', [PHONE_MESSAGE]],
      ['RecipientSms.TimeToLiveInSeconds', [TTL_MESSAGE]],
    ]);
  });

  it('uses the nested C# path on the deprecated route (contract §2.3, §3.1)', () => {
    let body = withValue(deprecatedBody(), ['recipient', 'recipientSms', 'phoneNumber'], ' +4799999999');
    body = withValue(body, ['recipient', 'recipientSms', 'timeToLiveInSeconds'], 172801);
    // Contract §3.1: deprecated row.
    expect(errorEntries('deprecated', body)).toEqual([
      ['InstantNotificationRecipient.ShortMessageDeliveryDetails.PhoneNumber', [PHONE_MESSAGE]],
      ['InstantNotificationRecipient.ShortMessageDeliveryDetails.TimeToLiveInSeconds', [TTL_MESSAGE]],
    ]);
  });

  it('does not run while a [Required] error exists (contract §3)', () => {
    let body = withValue(smsBody(), ['recipientSms', 'phoneNumber'], '+4712345678');
    body = withValue(body, ['recipientSms', 'smsSettings', 'body'], '');
    // Contract §3.1: only the layer-2 message.
    expect(errorEntries('sms', body)).toEqual([['RecipientSms.ShortMessageContent.Body', ['The Body field is required.']]]);
  });
});

describe('the email rules (layer 3)', () => {
  const settings = (name: string, value: unknown) => withValue(emailBody(), ['recipientEmail', 'emailSettings', name], value);

  it.each(['', '   ', 'not-an-address'])('rejects the sender address %j (contract §3.1)', (sender) => {
    // Contract §3.1: senderEmailAddress row; "" and white space are validated.
    expect(errorEntries('email', settings('senderEmailAddress', sender))).toEqual([
      ['InstantEmailDetails.EmailSettings.SenderEmailAddress', [EMAIL_MESSAGE]],
    ]);
  });

  it('skips the sender rule for a null sender address (contract §3.1)', () => {
    expect(accepted('email', settings('senderEmailAddress', null)).senderEmailAddress).toBeNull();
  });

  it('checks trimmed addresses but keeps them as sent (contract §3.3)', () => {
    const body = withValue(settings('senderEmailAddress', '\tsender@altinn.no\t'), ['recipientEmail', 'emailAddress'], '  user@example.com ');
    expect(accepted('email', body)).toMatchObject({
      emailAddress: '  user@example.com ',
      senderEmailAddress: '\tsender@altinn.no\t',
    });
  });

  it('accepts ";" and "&quot;" quirks of the regex (contract §3.3)', () => {
    expect(accepted('email', withValue(emailBody(), ['recipientEmail', 'emailAddress'], 'a;b@example.com')).emailAddress).toBe(
      'a;b@example.com',
    );
    expect(
      accepted('email', withValue(emailBody(), ['recipientEmail', 'emailAddress'], '&quot;x@y&quot;@example.com')).emailAddress,
    ).toBe('&quot;x@y&quot;@example.com');
  });

  it.each([2, -1, '2', '7'])('rejects the undefined content type %j (contract §2.4, §3.1)', (contentType) => {
    // Contract §3.1: contentType row.
    expect(errorEntries('email', settings('contentType', contentType))).toEqual([
      ['InstantEmailDetails.EmailSettings.ContentType', [CONTENT_TYPE_MESSAGE]],
    ]);
  });

  it.each([
    ['html', 'Html'],
    ['HTML', 'Html'],
    [' Html ', 'Html'],
    ['plain', 'Plain'],
    [1, 'Html'],
    [0, 'Plain'],
    ['1', 'Html'],
    ['+1', 'Html'],
    ['plain, html', 'Html'],
    ['Plain,', 'Plain'],
  ])('reads the content type %j as %s (contract §2.4)', (contentType, expected) => {
    expect(accepted('email', settings('contentType', contentType)).contentType).toBe(expected);
  });

  it('defaults a missing content type to Plain (contract §2.2)', () => {
    expect(accepted('email', settings('contentType', undefined)).contentType).toBe('Plain');
  });

  it('reports every email rule at once, in ModelState order (contract §3, §4.4)', () => {
    let body = withValue(emailBody(), ['recipientEmail', 'emailAddress'], 'one@example.com;two@example.com');
    body = withValue(body, ['recipientEmail', 'emailSettings', 'senderEmailAddress'], '');
    body = withValue(body, ['recipientEmail', 'emailSettings', 'contentType'], 2);
    // FluentValidation adds SenderEmailAddress before ContentType, but ModelState lists the
    // shorter sibling first (contract §4.4).
    expect(errorEntries('email', body)).toEqual([
      ['InstantEmailDetails.EmailAddress', [EMAIL_MESSAGE]],
      ['InstantEmailDetails.EmailSettings.ContentType', [CONTENT_TYPE_MESSAGE]],
      ['InstantEmailDetails.EmailSettings.SenderEmailAddress', [EMAIL_MESSAGE]],
    ]);
  });
});

describe('an accepted body', () => {
  it('becomes an SMS request with the values as sent (contract §2.1)', () => {
    expect(accepted('sms', smsBody())).toEqual({
      channel: 'sms',
      idempotencyId: 'id-1',
      sendersReference: 'ref-1',
      phoneNumber: '+4799999999',
      timeToLiveInSeconds: 300,
      sender: 'Altinn',
      body: 'Your code is 123456',
    });
  });

  it('turns the deprecated nested shape into the same SMS request (contract §2.3)', () => {
    expect(accepted('deprecated', deprecatedBody())).toEqual(accepted('sms', smsBody()));
  });

  it('becomes an email request (contract §2.2)', () => {
    expect(accepted('email', emailBody())).toEqual({
      channel: 'email',
      idempotencyId: 'id-2',
      sendersReference: 'ref-2',
      emailAddress: 'user@example.com',
      subject: 'Your code',
      body: 'Code: 123456',
      senderEmailAddress: 'noreply@altinn.no',
      contentType: 'Plain',
    });
  });

  it('keeps an empty sendersReference and nulls a missing or null one (contract §4.2)', () => {
    expect(accepted('sms', withValue(smsBody(), ['sendersReference'], '')).sendersReference).toBe('');
    expect(accepted('sms', withValue(smsBody(), ['sendersReference'], null)).sendersReference).toBeNull();
    expect(accepted('email', withValue(emailBody(), ['sendersReference'], undefined)).sendersReference).toBeNull();
  });

  it('keeps an empty or missing SMS sender for later defaulting (contract §2.1)', () => {
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'smsSettings', 'sender'], '')).sender).toBe('');
    expect(accepted('sms', withValue(smsBody(), ['recipientSms', 'smsSettings', 'sender'], undefined)).sender).toBeNull();
  });

  it('takes the last of duplicate keys (contract §2.4)', () => {
    const body = JSON.stringify(smsBody()).replace('{', '{"idempotencyId":null,');
    expect(accepted('sms', body).idempotencyId).toBe('id-1');
  });
});

describe('a body with prototype-like keys', () => {
  it.each(['sms', 'email', 'deprecated'] as const)('ignores "__proto__" and "constructor" like any unknown key on %s', (route) => {
    const valid = JSON.stringify(BODY_BY_ROUTE[route]());
    const body = valid.replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    const request = accepted(route, body);
    expect(request).toEqual(accepted(route, valid));
    expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still requires a "__proto__" value to be valid JSON, and reports it under its own key (contract §2.4)', () => {
    const result = errorEntries('sms', '{"__proto__":[}');
    expect(result).toEqual([
      ['request', ['The request field is required.']],
      // Contract §3.1: reader message with the JSON path of the unknown property.
      ['$.__proto__', ["'}' is an invalid start of a value. Path: $.__proto__ | LineNumber: 0 | BytePositionInLine: 14."]],
    ]);
    expect(({} as Record<string, unknown>)['$']).toBeUndefined();
  });
});
