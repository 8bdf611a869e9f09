import { isKeywordWord } from './keywords.js';
import { isWhiteSpace } from './white-space.js';
import { wholeWord } from './whole-word.js';
import { WordsBefore } from './words-before.js';

/**
 * Product §5's "NOT codes" rules that depend on what surrounds a number. Each rule names what the number is instead;
 * the shape rules (dates, times, decimals, long runs, phone-number grouping) live in `numeric-candidates.ts`.
 */

const months = [
  'jan', 'januar', 'january', 'feb', 'februar', 'february', 'mar', 'mars', 'march', 'apr', 'april', 'mai', 'may',
  'jun', 'juni', 'june', 'jul', 'juli', 'july', 'aug', 'august', 'sep', 'sept', 'september', 'okt', 'oktober', 'oct',
  'october', 'nov', 'november', 'des', 'desember', 'dec', 'december',
];
/** Words before a four-digit year that put it in a date: `27. november 2026`, `innen 2026`, `for 2025`. */
const yearWords = [
  ...months, 'i', 'in', 'for', 'av', 'of', 'innen', 'fra', 'from', 'siden', 'since', 'til', 'until', 'by', 'før',
  'before', 'etter', 'after', 'per', 'år', 'året', 'year', 'q[1-4]', 'uke', 'veke', 'week',
];
const currencies = ['kr', 'nok', 'sek', 'dkk', 'eur', 'usd', 'gbp', 'chf', 'isk'];
/** Units and counted things after a number: `10 min`, `8 GB`, `1500 poeng`, `2500 varer`. */
const quantities = [
  'kg', 'km', 'cm', 'mm', 'm', 'g', 'l', 'dl', 'ml', 'min', 'minutt', 'minutter', 'minutta', 'minutes?', 'sek',
  'sekund', 'sekunder', 'seconds?', 'time', 'timer', 'timar', 'hours?', 'dag', 'dager', 'dagar', 'days?', 'døgn',
  'uke', 'uker', 'veke', 'veker', 'weeks?', 'mnd', 'måned', 'måneder', 'månad', 'månader', 'months?', 'år', 'years?',
  'gb', 'mb', 'tb', 'kb', 'kwh', 'mah', 'stk', 'poeng', 'points?', 'pts', 'personer', 'people', 'varer', 'produkter',
  'products', 'items', 'artikler', 'kunder', 'customers', 'medlemmer', 'members', 'brukere', 'users', 'butikker',
  'stores',
];

/** An identifier such as `N-0150`, `REF-48213` or `A/1234`. */
const identifierBefore = /[\p{L}\p{N}][-/]$/u;
const identifierAfter = /^[-/][\p{L}]/u;
/** The visible digits of a masked card or account number: `**** 1234`, `5355 xxxx xxxx 1234`, `****.**.12345`. */
const maskedBefore = /(?:^|[^\p{L}\p{N}])[*xX•·]{3,}(?:[ .-][*xX•·]+)*[ .-]?$/u;
const maskedAfter = /^[ -]?[*xX•·]{3,}/;
const cardEndingBefore = /(?:slutter på|sluttar på|ender på|endar på|ending in|ending with|ends in|ends with)\s?$/iu;
/** A North American number after its area code: `(800) 555-0199`. */
const areaCodeBefore = /\(\d{2,4}\) ?$/;
const currencyBefore = new RegExp(`(?:(?<![\\p{L}])(?:${currencies.join('|')})\\.?|[€$£¥])\\s?$`, 'iu');
const currencyAfter = new RegExp(
  `^\\s?(?:(?:${currencies.join('|')}|kroner|kronor|euro|euros|dollars?)(?![\\p{L}])|,-|\\.-|[€$£¥])`,
  'iu',
);
const percentAfter = /^\s?(?:%|‰|prosent|percent|pct|pst)/iu;
const quantityAfter = new RegExp(`^\\s?(?:${quantities.join('|')})(?![\\p{L}])`, 'iu');
const clockBefore = /(?<![\p{L}])(?:kl|klokka|klokken|kloka)\.?\s?$/iu;
/**
 * The ends of the words of cardEndingBefore, currencyBefore and clockBefore, for mayEndWith (the `på` phrases need no
 * entry: mayEndWith lets every non-ASCII ending through).
 */
const cardEndings = ['in', 'th'];
const currencyEndings = [...currencies.map((c) => c.slice(-2)), '$'];
const clockEndings = ['kl', 'ka', 'en'];
/** The first characters of currencyAfter and quantityAfter, for mayStartWith (non-ASCII ones need not be listed). */
const currencyStarts = `${[...currencies, 'kroner', 'kronor', 'euro', 'dollar'].map((c) => c[0]).join('')},.$`;
const quantityStarts = quantities.map((q) => q[0]).join('');
const yearContextBefore = new RegExp(
  `(?:(?<![\\p{L}])(?:${yearWords.join('|')})\\.?|©|\\(c\\)|copyright)\\s?(?:\\d{1,2}\\.?,?\\s)?$`,
  'iu',
);
const yearRangeAfter = /^\s?[-/]\s?(?:19|20)\d\d(?!\d)/;
/** A code that the message itself says is spent: `The code 118204 has expired. Your new code is 660913.` */
const expiredAfter =
  /^[)"'”»]?\s?(?:has expired|is expired|expired|is no longer valid|er utløpt|har gått ut|er ikke lenger gyldig|er ikkje lenger gyldig)(?![\p{L}])/iu;
/** A sender's name that is also a phone word, as the label a message starts with (`Vipps: 5831 er koden din`). */
const brandLabelBefore = /^\s*(?:vipps|whatsapp)\s?:\s*$/i;
/** The letters of a Norwegian licence plate before its digits: `EL 12345`, `AB 1234`. */
const plateBefore = /(?<![\p{L}\p{N}])[A-ZÆØÅ]{2} $/u;
/** A town after a four-digit number: `0150 Oslo`, `5003 BERGEN`. */
const townAfter = /^ (?:[A-ZÆØÅ][\p{Ll}]+|[A-ZÆØÅ]{2,})(?![\p{L}\p{N}])/u;
/** A capitalised word right before the number, not at the start of a sentence: a name such as `REMA 1000`. */
const nameBefore = /(?<![\p{L}\p{N}])([\p{Lu}][\p{L}]+) $/u;
const sentenceStart = /(?:^|[.!?:]\s*|\n\s*)$/;

/** Words after which a number is a reference, not a code (`ordre 12345`, `Order No. 12345`, `Saksnummer: 12345`). */
const referenceWord = wholeWord([
  // orders, cases, invoices, bookings, shipments
  'ordre\\S*', 'bestilling\\S*', 'order\\S*', 'referanse\\S*', 'ref', 'reference\\S*', 'sak', 'saka', 'saken',
  'saks\\S*', 'case', 'kunde', 'kunden', 'kundenr', 'customer', 'faktura\\S*', 'invoice\\S*', 'booking\\S*',
  'reservasjon\\S*', 'reservation\\S*', 'sporing\\S*', 'tracking', 'kolli\\S*', 'sending', 'sendingen', 'sendinga',
  'forsendelse\\S*', 'shipment', 'pakke', 'pakken', 'pakka', 'parcel', 'package', 'transaksjon\\S*', 'transaction',
  'ticket', 'billett\\S*', 'medlem\\S*', 'member\\S*', 'avtale\\S*', 'kvittering\\S*', 'receipt',
  // accounts and amounts
  'konto', 'account', 'beløp\\S*', 'amount', 'sum', 'summen', 'total', 'totalt', 'pris', 'prisen', 'price', 'saldo',
  'balance',
  // places: PO boxes, rooms, seats, lockers, lines, parking zones
  'postboks', 'boks', 'pb', 'rom', 'room', 'etasje', 'floor', 'sete', 'seat', 'bord', 'table', 'gate', 'skap', 'locker',
  'sone', 'sona', 'zone',
  'plattform', 'platform', 'spor', 'linje', 'line', 'rute', 'route', 'buss', 'bus', 'tog', 'train', 'fly', 'flight',
  // numbers in general: `nr.` and `ID` (compounds such as telefonnummer below)
  'nr', 'number', 'nummer', 'num', 'id',
]);
/**
 * Compounds such as telefonnummer, kundenr, bruker-ID; also reference words. Tested only on words with those endings:
 * on any other word the Unicode classes would run over it for nothing.
 */
const referenceCompound = wholeWord(['[\\p{L}-]+nummer', '[\\p{L}-]+nr', '\\p{L}+-id']);
/** Words allowed between a reference word and its number (`order number is`, `ordren din er`, `Order No.`). */
const fillerWord = wholeWord([
  'er', 'is', 'was', 'var', 'din', 'ditt', 'di', 'dit', 'your', 'the', 'vår', 'our', 'på', 'for', 'of', 'no',
]);
const copula = wholeWord(['er', 'is', 'was', 'var']);
/** Words after which a number is a phone number or an SMS short number (`Ring 22334455`, `Svar STOPP til 2030`). */
const phoneWord = wholeWord([
  'tlf', 'tel', 'telefon\\S*', 'ring', 'ringe', 'ringer', 'call', 'phone', 'mobil', 'mobile', 'mob', 'kontakt',
  'kontakte', 'contact', 'kundeservice', 'kundesenter', 'kundesenteret', 'sentralbord\\S*', 'support', 'faks', 'fax',
  'whatsapp', 'vipps', 'stopp', 'stop', 'avmeld', 'avmelding', 'unsubscribe', 'send', 'svar', 'reply', 'text', 'sms',
]);
/** Words allowed between a phone word and its number (`Ring oss på`, `Svar STOPP til`, `call us at`). */
const phoneFiller = wholeWord([
  'oss', 'på', 'til', 'us', 'at', 'on', 'to', 'our', 'vår', 'vårt', 'direkte', 'gratis', 'nr', 'nummer', 'number', 'no',
  'er', 'is', 'eller', 'or',
  // the word to send to a short number (`svar AVBESTILL til 2270`, `send JA til 2030`)
  'avbestill', 'avbestilling', 'ja', 'nei', 'yes', 'help', 'hjelp', 'info', 'start',
]);
const number = /^\d+$/;

/** A keyword at most this far away (see keywordDistance) anchors a number. */
const anchored = 12;

export interface CodeContext {
  /** Distance to the nearest keyword (see keywordDistance). */
  keywordDistance: number;
  /** Alone on its line under a label that names a code (see underCodeLabel): the label's last word is not its name. */
  underCodeLabel?: boolean;
}

/**
 * Why the number at [start, end) is not a one-time code, or null when nothing around it says so.
 *
 * The `…Before` patterns end at `$`, so a regex engine tries them at every position of `before`; each is run only
 * when the last characters of `before` could end a match (an ASCII character is checked here, anything else is left
 * to the pattern). The words before the number are read backwards, and only as far as the rules look.
 */
export function notACode(text: string, start: number, end: number, code: string, context: CodeContext): string | null {
  const before = text.slice(Math.max(0, start - 48), start);
  const after = text.slice(end, end + 24);
  const nearKeyword = context.keywordDistance <= 3;
  const last = before.charCodeAt(before.length - 1); // NaN when empty
  const beforeLast = before.charCodeAt(before.length - 2);
  const first = after.charCodeAt(0); // NaN when empty
  if (
    ((last === 0x2d || last === 0x2f) && identifierBefore.test(before)) ||
    ((first === 0x2d || first === 0x2f) && identifierAfter.test(after))
  ) {
    return 'part of an identifier';
  }
  if (
    ((isMaskCharacter(last) || ((last === 0x20 || last === 0x2e || last === 0x2d) && isMaskCharacter(beforeLast))) &&
      maskedBefore.test(before)) ||
    ((isMaskCharacter(first) || ((first === 0x20 || first === 0x2d) && isMaskCharacter(after.charCodeAt(1)))) &&
      maskedAfter.test(after)) ||
    (mayEndWith(before, cardEndings, false) && cardEndingBefore.test(before))
  ) {
    return 'part of a masked card or account number';
  }
  if ((last === 0x29 || (last === 0x20 && beforeLast === 0x29)) && areaCodeBefore.test(before)) return 'a phone number';
  if (
    (mayEndWith(before, currencyEndings, true) && currencyBefore.test(before)) ||
    (mayStartWith(after, currencyStarts) && currencyAfter.test(after))
  ) {
    return 'an amount';
  }
  if (mayStartWith(after, '%p') && percentAfter.test(after)) return 'a percentage';
  if (mayStartWith(after.replace(/^[)"'”»]/, ''), 'hie') && expiredAfter.test(after)) return 'a code that has expired';
  if (mayStartWith(after, quantityStarts) && quantityAfter.test(after)) return 'a quantity';
  if (mayEndWith(before, clockEndings, true) && clockBefore.test(before)) return 'a time';
  if (code.length === 4 && isYear(code) && (yearContextBefore.test(before) || yearRangeAfter.test(after))) return 'a year';
  if (code.length === 4 && !nearKeyword && townAfter.test(after)) return 'a postal code';
  if ((code.length === 4 || code.length === 5) && !nearKeyword && last === 0x20 && plateBefore.test(before)) return 'a licence plate';
  const words = new WordsBefore(before, before.length, 8);
  if (!context.underCodeLabel && followsReferenceWord(words)) return 'a reference or account number';
  if (followsPhoneWord(words) && !brandLabelBefore.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) {
    return 'a phone number';
  }
  if (code.length === 8 && (code[0] === '4' || code[0] === '9') && context.keywordDistance > anchored) {
    return 'a Norwegian mobile number';
  }
  if (!nearKeyword && last === 0x20 && followsName(before)) return 'part of a name';
  return null;
}

/** `*`, `x`, `X`, `•` or `·`: the characters of maskedBefore's run. */
function isMaskCharacter(c: number): boolean {
  return c === 0x2a || c === 0x78 || c === 0x58 || c === 0x2022 || c === 0xb7;
}

/**
 * False only when a case-insensitive pattern ending in `(?:<word>)\.?\s?$` certainly cannot match `text` (the dot
 * only with `dot`): its last two characters, past one white space and a dot, are ASCII and end none of the words.
 * `endings` holds the last two letters of each word (lower case), or the whole of a one-character one. A non-ASCII
 * character might be a case variant (`K`, U+212A, is a `k`), so it says true.
 */
function mayEndWith(text: string, endings: readonly string[], dot: boolean): boolean {
  let i = text.length - 1;
  if (i >= 0 && isWhiteSpace(text.charCodeAt(i))) i--;
  if (dot && i >= 0 && text.charCodeAt(i) === 0x2e) i--;
  if (i < 0) return false;
  const last = lowerAscii(text.charCodeAt(i));
  const previous = i > 0 ? lowerAscii(text.charCodeAt(i - 1)) : -1;
  if (last >= 0x80 || previous >= 0x80) return true;
  for (const ending of endings) {
    if (ending.charCodeAt(ending.length - 1) !== last) continue;
    if (ending.length === 1 || ending.charCodeAt(0) === previous) return true;
  }
  return false;
}

/**
 * False only when a case-insensitive pattern starting `^\s?(?:<word>…)` certainly cannot match `text`: its first
 * character past one white space is ASCII and, in lower case, none of `firsts`. Non-ASCII says true (see mayEndWith).
 */
function mayStartWith(text: string, firsts: string): boolean {
  if (text.length === 0) return false;
  let c = text.charCodeAt(0);
  if (isWhiteSpace(c)) {
    if (text.length === 1) return false;
    c = text.charCodeAt(1);
  }
  return c >= 0x80 || firsts.includes(String.fromCharCode(lowerAscii(c)));
}

function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

function isYear(code: string): boolean {
  const year = Number(code);
  return year >= 1900 && year <= 2099;
}

/**
 * True for `ordre 12345`, `Order No. 12345`, `ordrenummeret ditt er 12345`; false for `koden til pakken din er 4821`
 * and `koden for å hente pakken er 4410`, where the number is what the keyword's phrase "is", and for anything with a
 * keyword or another number in between.
 */
function followsReferenceWord(words: WordsBefore): boolean {
  let fillers = 0;
  let sawCopula = false;
  for (let k = 0; ; k++) {
    const w = words.word(k);
    if (w === undefined) return false;
    // A word that is neither a reference word nor a filler ends the search, whatever else it is: test that first.
    const reference = isReferenceWord(w);
    if (!reference && !fillerWord.test(w)) return false;
    if (number.test(w) || isKeywordWord(w)) return false;
    if (reference) return !(sawCopula && keywordAmong(words, k + 1, k + 4));
    if (++fillers > 2) return false;
    if (copula.test(w)) sawCopula = true;
  }
}

/** referenceWord, or one of the compounds (whose pattern is tried only on a word with their ending). */
function isReferenceWord(w: string): boolean {
  if (referenceWord.test(w)) return true;
  return (w.endsWith('nummer') || w.endsWith('nr') || w.endsWith('-id')) && referenceCompound.test(w);
}

/** Whether one of words first … last (those there are) names a code. */
function keywordAmong(words: WordsBefore, first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const w = words.word(k);
    if (w === undefined) return false;
    if (isKeywordWord(w)) return true;
  }
  return false;
}

function followsPhoneWord(words: WordsBefore): boolean {
  let fillers = 0;
  for (let k = 0; ; k++) {
    const w = words.word(k);
    if (w === undefined) return false;
    if (phoneWord.test(w)) return true;
    if (!phoneFiller.test(w) || ++fillers > 3) return false;
  }
}

function followsName(before: string): boolean {
  const match = nameBefore.exec(before);
  if (!match || sentenceStart.test(before.slice(0, match.index))) return false;
  return !isKeywordWord(match[1]!.toLowerCase());
}
