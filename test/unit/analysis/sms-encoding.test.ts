import { describe, expect, it } from 'vitest';
import { gsm7Basic, gsm7Extension } from '../../../emulator/analysis/gsm7-alphabet.js';
import { smsEncoding } from '../../../emulator/analysis/sms-encoding.js';

describe('smsEncoding', () => {
  it('has the 127 characters of the GSM 03.38 basic table and the 10 of its extension table (form feed and ^{}\\[~]|€)', () => {
    expect(gsm7Basic.size).toBe(127);
    expect(gsm7Extension.size).toBe(10);
    for (const ch of 'ÆØÅæøåÄÖÜäöüéÉ@£$¥§¿¡ΔΩ\n\r') expect(gsm7Basic.has(ch), ch).toBe(true);
    for (const ch of '^{}\\[~]|€\f') expect(gsm7Extension.has(ch), JSON.stringify(ch)).toBe(true);
  });

  it.each([
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
  ])('GSM-7: %i septets make %i segment(s)', (length, segments) => {
    expect(smsEncoding('a'.repeat(length))).toMatchObject({ encoding: 'GSM-7', units: length, segments });
  });

  it('counts Norwegian letters as one septet each', () => {
    expect(smsEncoding('æøå'.repeat(53) + 'Æ')).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  it('keeps line breaks and the characters that need escaping in a regex (- ] [ ^ \\) in GSM-7', () => {
    expect(smsEncoding('a\nb\r\nc - ]')).toMatchObject({ encoding: 'GSM-7', units: 11 }); // "]" is two septets
    expect(smsEncoding('[^\\]')).toMatchObject({ encoding: 'GSM-7', units: 8 });
    expect(smsEncoding('a\tb')).toMatchObject({ encoding: 'UCS-2', nonGsm: ['\t'] });
  });

  it('counts an extension character as two septets, also at the 160 boundary', () => {
    expect(smsEncoding('a'.repeat(158) + '€')).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsEncoding('a'.repeat(159) + '€')).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsEncoding('{}[]~|^\\\f')).toMatchObject({ encoding: 'GSM-7', units: 18 });
  });

  it.each([
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('UCS-2: %i UTF-16 units make %i segment(s)', (length, segments) => {
    expect(smsEncoding('’' + 'a'.repeat(length - 1))).toMatchObject({ encoding: 'UCS-2', units: length, segments });
  });

  it('counts an emoji (a surrogate pair) as two UTF-16 units', () => {
    expect(smsEncoding('a'.repeat(68) + '😀')).toMatchObject({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsEncoding('a'.repeat(69) + '😀')).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('names each character that forced UCS-2 once, and counts every occurrence', () => {
    expect(smsEncoding('Hei – du’s kode er 4821 – ok 😀')).toMatchObject({ nonGsm: ['–', '’', '😀'], nonGsmCount: 4 });
  });

  it('counts an empty body as one GSM-7 segment', () => {
    expect(smsEncoding('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1, nonGsm: [], nonGsmCount: 0 });
  });
});
