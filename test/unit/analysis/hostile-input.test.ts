import { describe, expect, it } from 'vitest';
import { analyseMessage, type MessageContent } from '../../../emulator/analysis/analyse-message.js';

/**
 * Texts built to make a scanner go back over what it has read: long runs of one character class, of anchors (`@`,
 * `/`, `<`, `&`), of digits joined by separators, of keywords. At a quarter of a megabyte, work that grows with the
 * square of the length would take minutes, where linear work takes milliseconds: the test timeout is the bound.
 */
const size = 250_000;
const fill = (unit: string) => unit.repeat(Math.ceil(size / unit.length));

const hostile: Record<string, string> = {
  letters: fill('a'),
  'a keyword before a run of letters': `1 kode ${fill('a')}`,
  'a keyword inside a run of letters': `${fill('a')}-kode-${fill('b')} 1`,
  'letters and digits with hyphens': fill('a1-'),
  'hyphens between a digit and a letter': `1${fill('-')}a`,
  digits: fill('1'),
  'digits joined by separators': `${fill('1.')}a`,
  'digits in spaced groups': fill('12 '),
  'plus signs before digits': fill('+1 '),
  '@ signs': fill('x@'),
  'addresses without a domain end': fill('a.b@c'),
  'slashes after letters': fill('a/'),
  'dotted runs before a slash': `${fill('a.')}/`,
  'white space after a phrase start': `log${fill(' ')}x`,
  'phrase starts': fill('log '),
  'codes beside keywords': fill('kode 482913 '),
  'unclosed tags': fill('<a'),
  'less-than signs': fill('<'),
  'unclosed comments and scripts': fill('<!--<script>'),
  'ampersands and references': fill('&#'),
  'URL starts': fill('https://'),
  'line ends': fill('\r\n\u00ad'),
};

function sms(body: string): MessageContent {
  return { channel: 'sms', from: 'Altinn', subject: null, body, contentType: null, text: null, html: null };
}

function email(text: string | null, html: string | null): MessageContent {
  return { channel: 'email', from: null, subject: 'Kode', body: html ?? text ?? '', contentType: null, text, html };
}

describe('analyseMessage on hostile input', () => {
  it.each(Object.entries(hostile))('reads %s as an SMS, a text part and an HTML part in linear time', (_name, text) => {
    expect(() => analyseMessage(sms(text))).not.toThrow();
    expect(() => analyseMessage(email(text, null))).not.toThrow();
    expect(() => analyseMessage(email(null, text))).not.toThrow();
    expect(() => analyseMessage(email(text, `<p>${text}</p>`))).not.toThrow();
  });

  it('reads a 30 MB body as an SMS and as mail', () => {
    const body = `Din kode er 482913. ${'a'.repeat(30_000_000)}`;
    expect(analyseMessage(sms(body)).otp?.code).toBe('482913');
    expect(analyseMessage(email(body, null)).otp?.code).toBe('482913');
    expect(analyseMessage(email(null, `<p>${body}</p>`)).otp?.code).toBe('482913');
  });

  it('still finds the code among many of them', () => {
    expect(analyseMessage(sms(hostile['codes beside keywords']!)).otp?.code).toBe('482913');
  });
});
