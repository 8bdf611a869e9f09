import { readCorpus } from './corpus-entry.js';

/**
 * Pieces that sit on the edges of the analysis: codes and the numbers that are not, keywords and look-alikes, URLs and
 * addresses, HTML, white space and dashes of every kind, case variants (`K` U+212A, `ſ` U+017F, `İ`), astral letters
 * and digits, lone surrogates.
 */
const pieces = [
  'kode', 'Koden', 'engangskode', 'PIN-kode', 'promo code', 'rabatt med koden', 'code', 'Code:', 'OTP', 'passord',
  'verification', 'logg inn', 'Logge  inn', 'log in', 'ſign in', 'sign\u00a0on', 'login', 'bekreft', '2-faktor',
  'one-time', 'one\u2013time', 'ko\u00adde', 'ordre', 'Order No.', 'ordrenummeret ditt er', 'Saksnummer:', 'bruker-ID',
  'Ring', 'ring oss på', 'Svar STOPP til', 'REMA', 'Hilsen', 'slutter på', 'ending in', 'copyright', '©', 'mars', 'kl.',
  'klokken', 'kr', 'NOK', 'Kr.', '€', '$', ',-', '%', 'prosent', 'min', 'GB', 'poeng', 'Oslo', 'BERGEN', '482913',
  '482 913', '482-913', '4 8 2 9 1 3', '29 55 18', '+47 999 99 999', '22 33 44 55', '1 250,00', '2026', '1999-2026',
  '0900-1600', '0150', '(800) 555-0199', '**** 1234', 'xxxx 5678', '****.**.12345', '12345678', '91234567', '27.11.2026',
  '14:30', '10', '5', 'X7K9-PQ', 'AB12CD', 'G-482913', '10min', 'v2', 'A/1234', 'N-0150', '١٢٣٤٥', '𝟏𝟐', '²³⁴⁵',
  'https://x.no/a?b=1', 'http://www.altinn.no/hjelp.', 'www.altinn.no', 'altinn.no/hjelp', 'sub.example.com/p/123456',
  'a@b.no', 'kari.nordmann+otp@example.com', 'x@', '@', 'https://en.wikipedia.org/wiki/Oslo_(city))', 'ſ.no/', 'K.no/',
  'æøå.no/', ' ', '  ', '\n', '\n\n', '. ', '! ', '? ', ': ', '\r\n', '\r', '\t', '\u00a0', '\u200b', '\u00ad', '–', '—',
  '\u2212', '\u3000', '\ufeff', '\u2028', 'æ', 'ø', 'å', 'Å', 'K', 'ſ', 'İ', 'ı', '😀', '\ud83d', '\ude00', '\u0345', '𝐀',
  'ç', '’', "'", '-', '/', '.', '*', 'x', '·', '•', '_', '+', '#', '&', '<p>', '</p>', '<br>', '<b>', '</b>', '<td>',
  "<a href='https://x.no/1'>", '<a href="https://y.no/2?a=1&amp;b=2">', '</a>', '<area href=https://z.no/3>', '<script>',
  '</script>', '<style>p{}</style>', '<!--', '-->', '&nbsp;', '&#58;', '&#x3a;', '&amp;', '&zwnj;', '&aring;',
  '&unknown;', '&#0;', 'https&#58;//e.no/x', 'http:&#47;/f.no/y', '<a<a', '<p <br> >', '<', '>', '<div\n>', '<head>', '<title>T</title>', '@login.example.no #654321',
  'Din', 'er', 'is', 'your', 'the', 'til', 'deg', 'Hei', 'Kari', 'med', 'for',
];

/** `count` texts made of the pieces, and corpus messages with random edits, the same for the same seed. */
export function generatedTexts(count: number, seed: number): string[] {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const messages = readCorpus().map((entry) => (entry.subject ? `${entry.subject}\n\n${entry.body}` : entry.body));
  const characters = [...new Set([...pieces.join('')])];
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    if (random() < 0.5) {
      let text = '';
      for (let i = 1 + Math.floor(random() * 30); i > 0; i--) text += pick(pieces) + (random() < 0.6 ? ' ' : '');
      texts.push(text);
      continue;
    }
    let text = pick(messages);
    for (let edits = Math.floor(random() * 6); edits > 0; edits--) {
      const at = Math.floor(random() * (text.length + 1));
      const kind = random();
      if (kind < 0.4) text = text.slice(0, at) + pick(pieces) + text.slice(at);
      else if (kind < 0.7) text = text.slice(0, at) + pick(characters) + text.slice(at);
      else text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5));
    }
    texts.push(text);
  }
  return texts;
}
