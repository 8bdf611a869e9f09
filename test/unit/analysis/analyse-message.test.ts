import { describe, expect, it } from 'vitest';
import { analyseMessage } from '../../../emulator/analysis/analyse-message.js';

describe('analyseMessage', () => {
  it('gives an SMS its code, links, encoding and both segment figures', () => {
    const body = 'Din engangskode er 482913. Les mer: https://www.altinn.no/hjelp.';
    expect(analyseMessage({ channel: 'sms', from: 'Altinn', subject: null, body, contentType: null, text: null, html: null })).toEqual({
      otp: { code: '482913', candidates: ['482913'] },
      links: ['https://www.altinn.no/hjelp'],
      segments: 1,
      encoding: 'GSM-7',
      altinnSegments: 1,
      warnings: [],
    });
  });

  it('gives an email no SMS figures, and links from both its text and its HTML', () => {
    const result = analyseMessage({
      channel: 'email',
      from: 'noreply@example.no',
      subject: 'Hei',
      body: 'x',
      contentType: null,
      text: 'Se https://a.example.no',
      html: '<a href="https://b.example.no">b</a>',
    });
    expect(result).toMatchObject({ links: ['https://a.example.no', 'https://b.example.no'], segments: null, encoding: null, altinnSegments: null });
  });

  it('reads a code from the subject', () => {
    const result = analyseMessage({
      channel: 'email',
      from: null,
      subject: 'Your code is 118204',
      body: 'Use the code in the subject.',
      contentType: 'Plain',
      text: 'Use the code in the subject.',
      html: null,
    });
    expect(result.otp?.code).toBe('118204');
  });

  it('reads the code from the HTML when there is no text part', () => {
    const html = '<p>Din engangskode er</p><p><b>640&nbsp;218</b></p>';
    const result = analyseMessage({ channel: 'email', from: null, subject: 'Innlogging', body: html, contentType: 'Html', text: null, html });
    expect(result.otp?.code).toBe('640218');
  });

  it('falls back to the HTML when the text part has no code', () => {
    const result = analyseMessage({
      channel: 'email',
      from: null,
      subject: 'Velkommen',
      body: '',
      contentType: null,
      text: 'Open this email in a browser to see it.',
      html: '<p>Your verification code is <b>771204</b></p>',
    });
    expect(result.otp?.code).toBe('771204');
  });

  it('reads a Plain API email whose body is really HTML as HTML, without the markup', () => {
    const body = '<p style="width:600px">Kode: <b>4821</b></p>';
    const result = analyseMessage({ channel: 'email', from: null, subject: 'Kode', body, contentType: 'Plain', text: body, html: null });
    expect(result.otp).toEqual({ code: '4821', candidates: ['4821'] });
    expect(result.warnings.map((w) => w.code)).toEqual(['email-content-type-mismatch']);
  });

  it('reads links and HTML of an email from its first 256 KiB only, and still warns about the whole body', () => {
    const html = `<p>${'x'.repeat(300 * 1024)}</p><a href="https://late.example.no">late</a>`;
    const result = analyseMessage({ channel: 'email', from: null, subject: 's', body: html, contentType: 'Html', text: null, html });
    expect(result.links).toEqual([]);
    const plain = `${'x'.repeat(300 * 1024)}<p>late HTML</p>`;
    const warnings = analyseMessage({ channel: 'email', from: null, subject: 's', body: plain, contentType: 'Plain', text: plain, html: null }).warnings;
    expect(warnings.map((w) => w.code)).toEqual(['email-content-type-mismatch']);
  });

  it('puts every SMS warning together', () => {
    const result = analyseMessage({
      channel: 'sms',
      from: 'Eksempelkommune',
      subject: null,
      body: 'Koden din er 4821 😀 ' + 'a'.repeat(80),
      contentType: null,
      text: null,
      html: null,
    });
    expect(result.warnings.map((w) => w.code)).toEqual(['sms-multiple-segments', 'sms-ucs2', 'sms-sender-too-long']);
    expect(result).toMatchObject({ encoding: 'UCS-2', segments: 2, altinnSegments: 1 });
  });
});
