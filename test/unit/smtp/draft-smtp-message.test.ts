import { describe, expect, it } from 'vitest';
import { withAnalysis } from '../../../emulator/analysis/with-analysis.js';
import { draftSmtpMessage, smtpReceivedStatus } from '../../../emulator/smtp/draft-smtp-message.js';
import type { ParsedMime } from '../../../emulator/smtp/create-mail-parser.js';

const now = new Date('2025-01-02T10:00:00.000Z');
let counter = 0;
const newId = () => `id-${++counter}`;

function mime(overrides: Partial<ParsedMime> = {}): ParsedMime {
  return {
    malformed: false,
    from: 'sender@example.com',
    to: ['Kari@Example.com'],
    cc: [],
    subject: 'Hello',
    text: 'Code 123456',
    html: null,
    headers: [['Subject', 'Hello']],
    messageId: '<m@example.com>',
    attachments: [],
    ...overrides,
  };
}

describe('the stored message of an SMTP mail', () => {
  it('is one email from source smtp, Received once at the emulator clock, with no order and no expiry', () => {
    const raw = Buffer.from('Subject: Hello\r\n\r\nCode 123456\r\n');
    const draft = draftSmtpMessage(mime(), { from: 'bounce@example.com', to: ['kari@example.com'] }, raw, { now, newId });
    expect(draft).toMatchObject({
      channel: 'email',
      source: 'smtp',
      from: 'sender@example.com',
      subject: 'Hello',
      body: 'Code 123456',
      contentType: null,
      text: 'Code 123456',
      html: null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: null,
      status: smtpReceivedStatus,
      statusHistory: [{ status: 'Received', at: now.toISOString() }],
      order: null,
      warnings: [],
      smtp: { envelopeFrom: 'bounce@example.com', envelopeTo: ['kari@example.com'], cc: [], messageId: '<m@example.com>', headers: [['Subject', 'Hello']] },
    });
    expect(draft.id).toMatch(/^id-\d+$/);
    expect(draft.smtp!.raw).toBe(raw.toString('latin1'));
  });

  it('lists every recipient once in to: To, then Cc, then envelope-only (Bcc) ones, compared case-insensitively', () => {
    const mail = mime({ to: ['Kari@Example.com', 'ola@example.com'], cc: ['support@example.com', 'KARI@example.com'] });
    const envelope = { from: 's@example.com', to: ['kari@example.com', 'support@example.com', 'hidden@example.com'] };
    const draft = draftSmtpMessage(mail, envelope, Buffer.alloc(0), { now, newId });
    expect(draft.to).toEqual(['Kari@Example.com', 'ola@example.com', 'support@example.com', 'hidden@example.com']);
    expect(draft.smtp!.cc).toEqual(['support@example.com', 'KARI@example.com']);
    expect(draft.smtp!.envelopeTo).toEqual(envelope.to);
  });

  it('takes the envelope sender when the mail has no From header, and null for the null sender', () => {
    expect(draftSmtpMessage(mime({ from: null }), { from: 'env@example.com', to: ['a@example.com'] }, Buffer.alloc(0), { now }).from).toBe('env@example.com');
    expect(draftSmtpMessage(mime({ from: null }), { from: '', to: ['a@example.com'] }, Buffer.alloc(0), { now }).from).toBeNull();
  });

  it('gives an HTML-only mail the text of its HTML as body, and keeps text null', () => {
    const draft = draftSmtpMessage(mime({ text: null, html: '<p>Your code is <b>123456</b></p>' }), { from: '', to: ['a@example.com'] }, Buffer.alloc(0), { now });
    expect(draft.body).toBe('Your code is 123456');
    expect(draft.text).toBeNull();
    expect(draft.html).toBe('<p>Your code is <b>123456</b></p>');
  });

  it('stores a malformed mail as received: raw text as body, no subject, the envelope as recipients and sender, a warning', () => {
    const raw = Buffer.from('just some text\r\nwith no headers\r\n');
    const draft = draftSmtpMessage({ malformed: true, reason: 'header line 1 has no colon after its header name' }, { from: 'env@example.com', to: ['a@example.com', 'A@example.com'] }, raw, { now });
    expect(draft).toMatchObject({ subject: null, body: 'just some text\r\nwith no headers\r\n', text: null, html: null, from: 'env@example.com', to: ['a@example.com'], attachments: [] });
    expect(draft.warnings).toEqual([{ code: 'smtp-malformed-mime', message: expect.stringContaining('header line 1 has no colon after its header name') }]);
    expect(draft.smtp).toMatchObject({ headers: [], messageId: null, raw: raw.toString('latin1') });
  });

  it('decodes a malformed mail body as UTF-8 when it is valid UTF-8, else byte by byte', () => {
    const utf8 = draftSmtpMessage({ malformed: true, reason: 'x' }, { from: '', to: ['a@example.com'] }, Buffer.from('blåbær'), { now });
    expect(utf8.body).toBe('blåbær');
    const latin1 = draftSmtpMessage({ malformed: true, reason: 'x' }, { from: '', to: ['a@example.com'] }, Buffer.from('blåbær', 'latin1'), { now });
    expect(latin1.body).toBe('blåbær');
    expect(latin1.smtp!.raw).toBe('blåbær');
  });
});

describe('what analysis reads of an SMTP mail', () => {
  const envelope = { from: 's@example.com', to: ['kari@example.com'] };

  it('finds the code and links of the mail, as for an API email', () => {
    const draft = draftSmtpMessage(mime({ text: 'Your one-time code is 482913. See https://example.com/help' }), envelope, Buffer.alloc(0), { now });
    expect(draft.otp).toBeUndefined(); // read out when the message is first read, not when it is stored
    withAnalysis(draft);
    expect(draft.otp?.code).toBe('482913');
    expect(draft.links).toContain('https://example.com/help');
  });

  it('reads only the first 64 KB of each part, so that a huge mail cannot hold up the emulator', () => {
    const filler = 'lorem ipsum '.repeat(6000); // 72 KB
    const late = withAnalysis(draftSmtpMessage(mime({ subject: 'Hello', text: `${filler}Your one-time code is 482913` }), envelope, Buffer.alloc(0), { now }));
    expect(late.otp).toBeNull();
    expect(late.body.endsWith('Your one-time code is 482913')).toBe(true); // the stored body is whole
    const early = withAnalysis(draftSmtpMessage(mime({ subject: 'Hello', text: `Your one-time code is 482913 ${filler}` }), envelope, Buffer.alloc(0), { now }));
    expect(early.otp?.code).toBe('482913');
  });
});
