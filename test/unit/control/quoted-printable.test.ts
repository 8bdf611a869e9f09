import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { encodeQuotedPrintable } from '../../../emulator/control/quoted-printable.js';

/** Decodes through a real mail parser: the test does not trust a decoder written alongside the encoder. */
async function decode(encoded: string): Promise<string> {
  const mail = `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${encoded}`;
  const parsed = await simpleParser(Buffer.from(mail, 'latin1'));
  return parsed.text ?? '';
}

const lines = (encoded: string) => encoded.split('\r\n');

describe('encodeQuotedPrintable', () => {
  it('keeps printable ASCII as it is and encodes "=" as =3D', () => {
    expect(encodeQuotedPrintable('a=b <p class="x">')).toBe('a=3Db <p class=3D"x">');
  });

  it('encodes UTF-8 bytes of non-ASCII characters in upper-case hex', () => {
    expect(encodeQuotedPrintable('blåbær')).toBe('bl=C3=A5b=C3=A6r');
    expect(encodeQuotedPrintable('🙂')).toBe('=F0=9F=99=82');
  });

  it('encodes the spaces and tabs that end a line, and only those', () => {
    expect(encodeQuotedPrintable('a b  \nc\t')).toBe('a b=20=20\r\nc=09');
    expect(encodeQuotedPrintable('   ')).toBe('=20=20=20');
  });

  it('turns \\n and \\r\\n into CRLF hard breaks and encodes a lone \\r', () => {
    expect(encodeQuotedPrintable('one\ntwo\r\nthree\rfour')).toBe('one\r\ntwo\r\nthree=0Dfour');
  });

  it('breaks long lines with a soft break so that no line exceeds 76 characters', () => {
    const encoded = encodeQuotedPrintable('x'.repeat(200));
    expect(lines(encoded).map((l) => l.length)).toEqual([76, 76, 50]);
    expect(lines(encoded).slice(0, -1).every((l) => l.endsWith('='))).toBe(true);
  });

  it('lets the last piece of a line use all 76 characters', () => {
    expect(encodeQuotedPrintable('y'.repeat(76))).toBe('y'.repeat(76));
    expect(lines(encodeQuotedPrintable('y'.repeat(77)))).toEqual([`${'y'.repeat(75)}=`, 'yy']);
  });

  it('never splits an =XX triplet across a soft break', () => {
    const encoded = encodeQuotedPrintable('æ'.repeat(60));
    for (const line of lines(encoded)) {
      expect(line.length).toBeLessThanOrEqual(76);
      expect(line.replace(/=$/, '')).toMatch(/^(=[0-9A-F]{2})*$/);
    }
  });

  it('round-trips through a mail parser', async () => {
    const text = [
      'Hei Kari Nordmann,',
      '',
      'Din engangskode er 123456 – den gjelder i 5 minutter. Ærlig talt, øl og blåbær på én linje som er lang nok til å brytes.',
      `trailing spaces   `,
      `tab\tin the middle and at the end\t`,
      'a=b, =?UTF-8?B?x?=, 100% =3D not decoded twice',
      '🙂'.repeat(30),
      'z'.repeat(300),
      'last line',
    ].join('\n');
    expect(await decode(encodeQuotedPrintable(text))).toBe(text);
  });
});
