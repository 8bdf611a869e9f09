import { describe, expect, it } from 'vitest';
import { analyseMessage, type MessageContent } from '../../../emulator/analysis/analyse-message.js';

const sms = (body: string, from: string | null = 'Altinn'): MessageContent => ({
  channel: 'sms',
  from,
  subject: null,
  body,
  contentType: null,
  text: null,
  html: null,
});
const email = (contentType: 'Plain' | 'Html' | null, body: string): MessageContent => ({
  channel: 'email',
  from: 'noreply@altinn.cloud',
  subject: 'Emne',
  body,
  contentType,
  text: contentType === 'Html' ? null : body,
  html: contentType === 'Html' ? body : null,
});
const codes = (content: MessageContent) => analyseMessage(content).warnings.map((w) => w.code);
const warning = (content: MessageContent, code: string) => analyseMessage(content).warnings.find((w) => w.code === code);

describe('sms-multiple-segments', () => {
  it('is absent for an SMS of one segment (160 GSM-7 septets)', () => {
    expect(codes(sms('a'.repeat(160)))).not.toContain('sms-multiple-segments');
  });

  it('names the segments, the encoding and the size when the SMS needs more than one', () => {
    const message = warning(sms('a'.repeat(161)), 'sms-multiple-segments')?.message;
    expect(message).toContain('2 segments');
    expect(message).toContain('161 septets in GSM-7');
    expect(message).toContain('Altinn itself counts 2');
  });

  it('says UCS-2 and UTF-16 units for a UCS-2 SMS', () => {
    const message = warning(sms('😀'.repeat(36)), 'sms-multiple-segments')?.message;
    expect(message).toContain('2 segments: 72 UTF-16 units in UCS-2');
  });
});

describe('sms-ucs2', () => {
  it('is absent for a GSM-7 SMS, Norwegian letters and € included', () => {
    expect(codes(sms('Hei! Koden din er 4821. Æ Ø Å æ ø å - €'))).not.toContain('sms-ucs2');
  });

  it('names a stray curly apostrophe and what the SMS would cost without it', () => {
    const message = warning(sms('Don’t share your code 4821 with anyone. ' + 'a'.repeat(40)), 'sms-ucs2')?.message;
    expect(message).toContain('because of 1 character outside the GSM-7 alphabet');
    expect(message).toContain('"’" (U+2019, a curly apostrophe)');
    expect(message).toContain('GSM-7 in 1 segment instead of 2 segments');
  });

  it('names an emoji by its code point', () => {
    const message = warning(sms('Koden din er 4821 😀'), 'sms-ucs2')?.message;
    expect(message).toContain('"😀" (U+1F600, an emoji)');
  });

  it('names a non-breaking space without printing it', () => {
    expect(warning(sms('Kode:\u00a04821'), 'sms-ucs2')?.message).toContain(': (U+00A0, a non-breaking space)');
  });

  it('is absent when the text is mostly outside GSM-7 (UCS-2 is then no accident)', () => {
    expect(codes(sms('Ваш код подтверждения: 4821. Никому его не сообщайте.'))).not.toContain('sms-ucs2');
  });
});

describe('sms-sender-too-long', () => {
  it.each([['Altinn'], ['Skatteetat1'], ['+4799999999'], ['123456789012345'], ['+123456789012345']])(
    'is absent for %j',
    (from) => {
      expect(codes(sms('Hei', from))).not.toContain('sms-sender-too-long');
    },
  );

  it('is absent when the message has no sender', () => {
    expect(codes(sms('Hei', null))).not.toContain('sms-sender-too-long');
  });

  it('names an alphanumeric sender over 11 characters and what operators make of it', () => {
    const message = warning(sms('Hei', 'Skatteetaten'), 'sms-sender-too-long')?.message;
    expect(message).toContain('"Skatteetaten" has 12 characters');
    expect(message).toContain('at most 11');
    expect(message).toContain('"Skatteetate"');
  });

  it('names a numeric sender over 15 digits', () => {
    expect(warning(sms('Hei', '+1234567890123456'), 'sms-sender-too-long')?.message).toContain('has 16 digits');
  });
});

describe('email-content-type-mismatch', () => {
  it('warns about a Plain email whose body is HTML', () => {
    expect(warning(email('Plain', '<p>Hei</p><p>Koden er 4821</p>'), 'email-content-type-mismatch')?.message).toContain(
      'contentType is Plain but the body is HTML',
    );
  });

  it('warns about an Html email without any tags', () => {
    expect(warning(email('Html', 'Hei\n\nKoden er 4821'), 'email-content-type-mismatch')?.message).toContain(
      'contentType is Html but the body has no HTML tags',
    );
  });

  it.each([
    ['Plain', 'Hei. 3 < 4 og 5 > 2, og <kode> er ikke HTML.'],
    ['Html', '<p>Hei</p>'],
    ['Html', 'Hei<br>du'],
  ] as const)('is absent for a %s email whose body fits: %j', (contentType, body) => {
    expect(codes(email(contentType, body))).not.toContain('email-content-type-mismatch');
  });

  it('is never given for mail without a declared content type (SMTP)', () => {
    expect(codes(email(null, '<p>Hei</p>'))).toEqual([]);
  });
});
