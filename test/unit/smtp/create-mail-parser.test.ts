import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createMailParser, type ParsedMime, type ParsedSmtpMail } from '../../../emulator/smtp/create-mail-parser.js';

const fixture = (name: string) => readFile(new URL(`../../../fixtures/emails/${name}`, import.meta.url));
const parser = createMailParser();

async function parseMime(name: string): Promise<ParsedMime> {
  const parsed: ParsedSmtpMail = await parser.parse(await fixture(name));
  if (parsed.malformed) throw new Error(`${name} parsed as malformed: ${parsed.reason}`);
  return parsed;
}

describe('parsing a received mail', () => {
  it('reads a plain text mail: addresses without display names, subject, text, headers in order, Message-ID', async () => {
    const mail = await parseMime('plain.eml');
    expect(mail).toMatchObject({
      from: 'sender@example.com',
      to: ['kari@example.com'],
      cc: [],
      subject: 'Your code',
      text: 'Your one-time code is 482913.\nIt expires in 5 minutes.',
      html: null,
      messageId: '<plain-1@example.com>',
      attachments: [],
    });
    expect(mail.headers[0]).toEqual(['From', 'Altinn Test <sender@example.com>']);
    expect(mail.headers.map(([name]) => name)).toEqual(['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type', 'Content-Transfer-Encoding']);
  });

  it('keeps both parts of a multipart/alternative mail, and every To and Cc address', async () => {
    const mail = await parseMime('alternative.eml');
    expect(mail.text).toBe('Welcome! Visit https://example.com/start to begin.');
    expect(mail.html).toContain('<a href="https://example.com/start">the start page</a>');
    expect(mail.to).toEqual(['kari@example.com', 'ola@example.com']);
    expect(mail.cc).toEqual(['support@example.com']);
  });

  it('gives an HTML-only mail no text (the body is derived later), and leaves its HTML untouched', async () => {
    const mail = await parseMime('html-only.eml');
    expect(mail.text).toBeNull();
    expect(mail.html).toContain('<script>alert(1)</script>');
  });

  it('keeps attachments with name, type, decoded size and base64 content, binary bytes intact', async () => {
    const mail = await parseMime('attachments.eml');
    expect(mail.text).toBe('See the attached files.');
    expect(mail.attachments.map(({ content, ...a }) => a)).toEqual([
      { filename: 'report.pdf', contentType: 'application/pdf', size: 33, contentId: null },
      { filename: 'data.csv', contentType: 'text/csv', size: 8, contentId: null },
    ]);
    const pdf = Buffer.from(mail.attachments[0].content!, 'base64');
    expect(pdf.toString('latin1')).toBe('%PDF-1.4\n% fake\n\x00\x01\x02\xff binary tail\n');
    expect(Buffer.from(mail.attachments[1].content!, 'base64').toString()).toBe('a,b\r\n1,2');
  });

  it('treats an inline cid image as an attachment whose contentId matches the cid: link, which stays in the HTML', async () => {
    const mail = await parseMime('inline-cid.eml');
    expect(mail.html).toContain('src="cid:logo@example.com"');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'logo.png', contentType: 'image/png', contentId: 'logo@example.com', size: 70 });
    expect(Buffer.from(mail.attachments[0].content!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  });

  it('decodes 8bit bodies in ISO-8859-1 and in UTF-8 to the same Norwegian text', async () => {
    const latin1 = await parseMime('iso-8859-1-8bit.eml');
    const utf8 = await parseMime('utf-8-8bit.eml');
    expect(latin1.text).toBe('Blåbærsyltetøy på brødskiva. ÆØÅ');
    expect(utf8.text).toBe(latin1.text);
  });

  it('decodes encoded-word subjects and names (Base64 and Q, UTF-8 and ISO-8859-1), keeping the raw header value', async () => {
    const mail = await parseMime('encoded-words.eml');
    expect(mail.subject).toBe('Engangskode for æøå æøå ÆØÅ');
    expect(mail.from).toBe('pal@example.no');
    expect(mail.text).toBe('Koden din er 654321. Hilsen Pål');
    const subject = mail.headers.find(([name]) => name === 'Subject')!;
    expect(subject[1]).toBe('=?UTF-8?B?RW5nYW5nc2tvZGUgZm9yIMOmw7jDpQ==?= =?ISO-8859-1?Q?_=E6=F8=E5_=C6=D8=C5?=');
  });

  it('decodes raw UTF-8 in header values (SMTPUTF8 style) and flattens address groups', async () => {
    const raw = Buffer.from('From: Pål <pal@example.no>\r\nTo: "Team": a@example.com, B <b@example.com>;, c@example.com\r\nSubject: Blåbær\r\n\r\nhei\r\n');
    const mail = (await parser.parse(raw)) as ParsedMime;
    expect(mail.subject).toBe('Blåbær');
    expect(mail.headers).toContainEqual(['Subject', 'Blåbær']);
    expect(mail.to).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
  });

  it('reads a mail with bare LF line ends like one with CRLF', async () => {
    const mail = await parseMime('bare-lf.eml');
    expect(mail).toMatchObject({ subject: 'Bare line feeds', text: 'First line\nSecond line', to: ['kari@example.com'] });
  });

  it('calls text without headers, binary garbage and an empty mail malformed, with the reason', async () => {
    const text = await parser.parse(await fixture('malformed.eml'));
    expect(text).toEqual({ malformed: true, reason: 'header line 1 has no colon after its header name' });
    const garbage = await parser.parse(await fixture('binary-garbage.eml'));
    expect(garbage).toMatchObject({ malformed: true, reason: expect.stringMatching(/^header line 1 /) });
    expect(await parser.parse(Buffer.alloc(0))).toEqual({ malformed: true, reason: 'the mail is empty' });
  });
});
