import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { formatHeader } from '../../../emulator/control/format-header.js';

async function parsedSubject(subject: string): Promise<string | undefined> {
  const parsed = await simpleParser(Buffer.from(`${formatHeader('Subject', subject)}\r\n\r\nbody`, 'utf8'));
  return parsed.subject;
}

describe('formatHeader', () => {
  it('leaves a short printable ASCII value as it is', () => {
    expect(formatHeader('Subject', 'Your code')).toBe('Subject: Your code');
  });

  it('encodes a non-ASCII value as RFC 2047 encoded-words of UTF-8', () => {
    expect(formatHeader('Subject', 'Blåbær')).toBe(`Subject: =?UTF-8?B?${Buffer.from('Blåbær').toString('base64')}?=`);
  });

  it('folds a long ASCII value at whitespace, every line within 78 characters', () => {
    const subject = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const header = formatHeader('Subject', subject);
    const lines = header.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(78);
    // Unfolding (RFC 5322 §2.2.3) removes only the CRLFs.
    expect(header.replace(/\r\n/g, '')).toBe(`Subject: ${subject}`);
  });

  it('splits encoded-words between characters, each word within 75 characters', () => {
    const header = formatHeader('Subject', 'Engangskode 🙂 '.repeat(12));
    const words = header.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? [];
    expect(words.length).toBeGreaterThan(2);
    for (const word of words) {
      expect(word.length).toBeLessThanOrEqual(75);
      const bytes = Buffer.from(word.slice(10, -2), 'base64');
      // A character cut in half would not survive a UTF-8 round trip.
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(true);
    }
    for (const line of header.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('keeps addresses unencoded and on one logical line', () => {
    expect(formatHeader('To', 'a@example.com,\r\n b@example.com', { structured: true })).toBe('To: a@example.com, b@example.com');
  });

  it.each([
    ['Norwegian letters', 'Kode for innlogging på Min side – æøå ÆØÅ'],
    ['an emoji', 'Velkommen 🎉'],
    ['a word too long to fold', 'x'.repeat(1500)],
    ['many words', 'lorem ipsum '.repeat(60).trim()],
    ['a literal encoded-word', '=?UTF-8?B?SGk=?='],
    ['leading spaces', '   indented'],
    ['a tab', 'a\tb'],
    ['several spaces', 'a  b   c'],
  ])('gives %s back through a mail parser', async (_name, subject) => {
    expect(await parsedSubject(subject)).toBe(subject);
  });
});
