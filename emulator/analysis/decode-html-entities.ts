/** The named references that turn up in real mail; anything else is left as written. */
const named: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', ndash: '–', mdash: '—', hellip: '…', bull: '•', middot: '·',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', copy: '©',
  reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', deg: '°', times: '×',
  divide: '÷', plusmn: '±', iexcl: '¡', iquest: '¿', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø', aring: 'å',
  Aring: 'Å', auml: 'ä', Auml: 'Ä', ouml: 'ö', Ouml: 'Ö', uuml: 'ü', Uuml: 'Ü', eacute: 'é', Eacute: 'É',
  egrave: 'è', Egrave: 'È', aacute: 'á', oacute: 'ó', ccedil: 'ç', ntilde: 'ñ', szlig: 'ß', hyphen: '‐',
};

/** One character reference, tried at each `&` (sticky: its lastIndex is set right before each use). */
const reference = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,7}));/y;

/**
 * Decodes character references: numeric ones always, named ones from a common list (with their `;`). The same as
 * `s.replace(/…/g, decode)` with the pattern above, without a call of the replacer per reference: the pattern is
 * tried at each `&` (every match starts with one) and the text between is copied as it is.
 */
export function decodeHtmlEntities(s: string): string {
  let at = s.indexOf('&');
  if (at === -1) return s;
  let out = '';
  let copied = 0;
  while (at !== -1) {
    reference.lastIndex = at;
    const match = reference.exec(s);
    if (match === null) {
      at = s.indexOf('&', at + 1);
      continue;
    }
    out += s.slice(copied, at) + decoded(match[0], match[1], match[2], match[3]);
    copied = reference.lastIndex;
    at = s.indexOf('&', copied);
  }
  return out + s.slice(copied);
}

function decoded(whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined): string {
  if (name !== undefined) return Object.hasOwn(named, name) ? named[name] : whole; // not `named[name]`: `&toString;` is no entity
  const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex!, 16);
  // Browsers turn NUL, surrogates and values past U+10FFFF into U+FFFD (HTML, "numeric character reference end state").
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}
