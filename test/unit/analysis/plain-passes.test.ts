import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../../emulator/analysis/decode-html-entities.js';
import { dotnetUrlEncodedLength } from '../../../emulator/analysis/dotnet-url-encoded-length.js';
import { extractLinks } from '../../../emulator/analysis/extract-links.js';
import { gsm7Basic, gsm7Extension } from '../../../emulator/analysis/gsm7-alphabet.js';
import { htmlToText } from '../../../emulator/analysis/html-to-text.js';
import { keywordDistance } from '../../../emulator/analysis/otp/keyword-distance.js';
import { findKeywords } from '../../../emulator/analysis/otp/keywords.js';
import { prepareOtpText } from '../../../emulator/analysis/otp/prepare-otp-text.js';
import { readWebOtp } from '../../../emulator/analysis/otp/read-web-otp.js';
import { scanSmsBody } from '../../../emulator/analysis/scan-sms-body.js';
import { smsEncoding, smsEncodingOfScan } from '../../../emulator/analysis/sms-encoding.js';
import { generatedTexts } from './generated-texts.js';

/**
 * The analysis avoids running its Unicode regexes over whole texts: it tries them only where they can match, skips
 * passes that cannot change anything, and counts in single loops. These are the plain regex passes it stands for;
 * on generated texts (and the same texts as HTML) the fast code must give exactly what they give.
 */
const texts = generatedTexts(1500, 20_260_101);
const html = texts.map((t, i) => (i % 2 ? `<p>${t}</p>` : `<html><head><style>p{}</style></head><body><div>${t}<br>${t}</div></body></html>`));

function plainPrepareOtpText(text: string): string {
  return text
    .replace(/[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\r\n?/g, '\n')
    .replace(/(?:\bhttps?:\/\/|\bwww\.)[^\s<>"']+/gi, ' ¦ ')
    .replace(/(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, ' ¦ ')
    .replace(/(?<![\p{L}\p{N}@.-])(?:[\p{L}\p{N}-]+\.)+[a-z]{2,}\/[^\s<>"']*/giu, ' ¦ ')
    .replace(/ {2,}/g, ' ');
}

function plainHtmlToText(source: string): string {
  const blocks = 'address|article|aside|blockquote|body|caption|center|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|li|main|nav|ol|p|pre|section|summary|table|tbody|tfoot|thead|title|tr|ul';
  const text = source
    .replace(/<!--[\s\S]*?(?:-->|$)|<(script|style|head|template|noscript)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/<br\b[^<>]*>/gi, '\n')
    .replace(new RegExp(`<\\/?(?:${blocks})\\b[^<>]*>`, 'gi'), '\n')
    .replace(/<\/?[a-zA-Z!][^<>]*>/g, ' ');
  return plainDecode(text)
    .replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function plainDecode(s: string): string {
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));/g, (whole, dec, hex, name) =>
    name !== undefined ? decodeHtmlEntities(whole) : decodeHtmlEntities(`&#${dec ?? `x${hex}`};`),
  );
}

function plainHtmlLinks(source: string): string[] {
  const token = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?[a-zA-Z!][^<>]*>/gi;
  // Each stretch between tokens, and each link tag on its own, read by extractLinks as text or as HTML.
  const found = new Set<string>();
  let last = 0;
  const add = (urls: string[]) => urls.forEach((u) => found.add(u));
  for (const match of source.matchAll(token)) {
    if (match.index > last) add(extractLinks(decodeHtmlEntities(source.slice(last, match.index)), null));
    last = match.index + match[0].length;
    if (/^<(?:a|area)\s/i.test(match[0])) add(extractLinks(null, match[0]));
  }
  add(extractLinks(decodeHtmlEntities(source.slice(last)), null));
  return [...found];
}

function plainKeywordDistance(text: string, start: number, end: number, sameSentence: boolean): number {
  let best = Infinity;
  for (const keyword of findKeywords(text)) {
    const before = keyword.end <= start;
    if (!before && end > keyword.start) continue;
    const gap = before ? text.slice(keyword.end, start) : text.slice(end, keyword.start);
    if (gap.length > 200) continue;
    const sentenceEnds = gap.match(/[.!?](?=\s)/g)?.length ?? 0;
    if (sameSentence && sentenceEnds > 0) continue;
    const words = gap.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
    const distance = words + 2 * sentenceEnds + (gap.match(/\n/g)?.length ?? 0) + (keyword.weak ? 3 : 0) + (before ? 0 : 1);
    best = Math.min(best, distance);
  }
  return best <= 1 ? best : Math.min(best, plainLabelDistance(text, start, end));
}

/** A candidate alone on its line, under a line that ends in `:`: the line breaks between, plus 3 for a weak keyword. */
function plainLabelDistance(text: string, start: number, end: number): number {
  const own = /(?:^|\n)([^\n]*)$/.exec(text.slice(0, start))!;
  if (own.index === 0 && !text.startsWith('\n')) return Infinity; // the candidate is on the first line
  const after = /^[^\n]*/.exec(text.slice(end))![0];
  if (/\S/.test(own[1]!) || /\S/.test(after)) return Infinity;
  const above = /(?:^|\n)([^\n]*):(\s*)$/.exec(text.slice(0, start - own[1]!.length));
  if (!above || /\S/.test(above[2]!)) return Infinity;
  const labelStart = above.index + (above[0].startsWith('\n') ? 1 : 0);
  const labelEnd = labelStart + above[1]!.length;
  const lineBreaks = above[2]!.match(/\n/g)?.length ?? 0;
  let best = Infinity;
  for (const k of findKeywords(text)) if (k.start >= labelStart && k.end <= labelEnd) best = Math.min(best, lineBreaks + (k.weak ? 3 : 0));
  return best;
}

function plainSmsEncoding(body: string): ReturnType<typeof smsEncoding> {
  const escape = (chars: ReadonlySet<string>) => [...chars].map((c) => c.replace(/[\\\]^\-[]/, '\\$&')).join('');
  const all = `${escape(gsm7Basic)}${escape(gsm7Extension)}`;
  if (new RegExp(`^[${all}]*$`).test(body)) {
    const septets = body.length + body.length - body.replace(new RegExp(`[${escape(gsm7Extension)}]`, 'g'), '').length;
    return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153), nonGsm: [], nonGsmCount: 0 };
  }
  const rest = [...body.replace(new RegExp(`[${all}]+`, 'g'), '')];
  const units = body.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67), nonGsm: [...new Set(rest)], nonGsmCount: rest.length };
}

function plainReadWebOtp(text: string): { code: string; rest: string } | null {
  const trimmed = text.trimEnd();
  const lineStart = Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r')) + 1;
  const line = /^@[A-Za-z0-9.-]+(?::\d{1,5})?[ \t]+#([^\s#@]+)(?:[ \t]+@[A-Za-z0-9.-]+(?::\d{1,5})?)?[ \t]*$/;
  const match = line.exec(trimmed.slice(lineStart).trimStart());
  return match ? { code: match[1]!, rest: trimmed.slice(0, lineStart) } : null;
}

describe('the fast passes give what the plain regex passes give', () => {
  it('prepareOtpText', () => {
    for (const text of texts) expect(prepareOtpText(text), JSON.stringify(text)).toBe(plainPrepareOtpText(text));
  });

  it('htmlToText and decodeHtmlEntities', () => {
    for (const source of [...texts, ...html]) {
      expect(htmlToText(source), JSON.stringify(source)).toBe(plainHtmlToText(source));
      expect(decodeHtmlEntities(source), JSON.stringify(source)).toBe(plainDecode(source));
    }
  });

  it('extractLinks of HTML', () => {
    for (const source of [...texts, ...html]) expect(extractLinks(null, source), JSON.stringify(source)).toEqual(plainHtmlLinks(source));
  });

  it('keywordDistance, with and without a cap (above which any figure above the cap will do)', () => {
    for (const raw of texts.slice(0, 500)) {
      const text = prepareOtpText(raw);
      const keywords = findKeywords(text);
      for (const match of text.matchAll(/\d+/g)) {
        const [start, end] = [match.index, match.index + match[0].length];
        for (const sameSentence of [false, true]) {
          const expected = plainKeywordDistance(text, start, end, sameSentence);
          expect(keywordDistance(text, keywords, start, end, sameSentence), JSON.stringify(text)).toBe(expected);
          const capped = keywordDistance(text, keywords, start, end, sameSentence, 4);
          if (expected <= 4) expect(capped).toBe(expected);
          else expect(capped).toBeGreaterThan(4);
        }
      }
    }
  });

  it('readWebOtp, also with white space of every kind around the last line', () => {
    const tails = ['', ' ', '\n', ' \t\u00a0\n\r\n', '\u2028'];
    for (const [n, text] of texts.entries()) {
      for (const ending of ['', '\n@login.example.no #654321', '\r\n \t@a.no:8080 #X9 @b.no', '\n@a.no #1\u00a0x']) {
        const input = text + ending + tails[n % tails.length];
        expect(readWebOtp(input), JSON.stringify(input)).toEqual(plainReadWebOtp(input));
      }
    }
  });

  it('the weak phrases of findKeywords (log in, logg inn, sign on)', () => {
    const phrase = /(?<![\p{L}])(?:logg|logge|logga|log|sign)\s+(?:inn|in|on)(?![\p{L}])/giu;
    for (const text of texts) {
      const found = findKeywords(text).filter((k) => /\s/.test(text.slice(k.start, k.end)));
      const expected = [...text.matchAll(phrase)].map((m) => ({ start: m.index, end: m.index + m[0].length, weak: true }));
      expect(found, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('smsEncoding, dotnetUrlEncodedLength and their one-pass scan', () => {
    for (const body of texts) {
      const encoding = smsEncoding(body);
      expect(encoding, JSON.stringify(body)).toEqual(plainSmsEncoding(body));
      const scan = scanSmsBody(body);
      expect(smsEncodingOfScan(body, scan.septets, scan.firstNonGsm)).toEqual(encoding);
      expect(scan.urlEncodedLength).toBe(dotnetUrlEncodedLength(body));
    }
  });

  it('names a surrogate pair split by GSM-7 text as one character, as cutting the GSM-7 characters out first did', () => {
    expect(smsEncoding('\ud83dab\ude00')).toMatchObject({ nonGsm: ['😀'], nonGsmCount: 1 });
    expect(smsEncoding('\ude00ab\ud83d')).toMatchObject({ nonGsm: ['\ude00', '\ud83d'], nonGsmCount: 2 });
  });
});
