import { wholeWord } from './whole-word.js';

/** A place in the text that says "here is a code". `weak` ones (log in, verify) anchor less than `kode` or `OTP`. */
export interface Keyword {
  start: number;
  end: number;
  weak: boolean;
}

/**
 * The stems of every keyword pattern below; only words containing one are classified, so a long mail costs one scan.
 */
const stem =
  /kod|cod|pin|otp|2fa|pass|engang|eingong|one-?time|onetime|verif|log|sign|bekreft|stadfest|autenti|authenti|faktor|totrinn/gi;
const wordCharacter = /[\p{L}\p{N}]/u;
const previousWords = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Words that are keywords on their own: one-time, OTP, PIN, password, verification (nb, nn, en). */
const strongWord = wholeWord([
  'otp', 'totp', 'pin', '2fa', 'one-time', 'onetime', 'engangs\\S*', 'eingongs\\S*', 'verification',
  'verifiserings\\S*', 'verifikasjons\\S*', 'passcode\\S*', 'passord\\S*', 'password\\S*', 'kodeord\\S*',
]);

/** A word ending in kode/code (engangskode, koden, PIN-kode, passcode, stadfestingskoda), split at that ending. */
const codeEnding = /(?:kode|koden|koder|kodene|koda|kodar|kodane|code|codes)$/;

/**
 * Qualifiers that make a code something else than a one-time code: a discount code, a QR code, a postal code, a
 * booking code, an error code. Matched against the part of a compound before the ending (`rabatt` in rabattkoden,
 * with its linking `s` or `-`) or the word before a lone `code`/`kode` (`promo code`).
 */
const otherKindOfCode = new RegExp(
  `^(?:${[
    'rabatt', 'kampanje', 'promo', 'promotion', 'promotional', 'discount', 'coupon', 'kupong', 'voucher', 'gavekort',
    'gift', 'gave', 'referral', 'verve', 'strek', 'bar', 'qr', 'kilde', 'source', 'post', 'postal', 'zip', 'area',
    'country', 'land', 'retning', 'feil', 'error', 'status', 'reason', 'booking', 'bestilling', 'ordre', 'order',
    'referanse', 'reference', 'reservasjon', 'reservation', 'html', 'css', 'farge', 'colou?r', 'dress', 'swift',
    'sortering', 'sort', 'vare', 'produkt', 'product', 'item', 'tax', 'skatt',
  ].join('|')})s?-?$`,
  'u',
);

/** Words that make a nearby bare "koden"/"code" a discount code (`10 % rabatt med koden HANDLE10`). */
const discountWord = wholeWord([
  'rabatt', 'rabatten', 'avslag', 'discount', 'promo', 'kampanje', 'kampanjen', 'tilbud', 'tilbudet', 'coupon', 'kupong',
  'voucher', 'gavekort',
]);

/** Words that suggest a code without naming it: log in, verify, confirm, two-factor. */
const weakWord = wholeWord([
  'login', 'log-in', 'logon', 'sign-in', 'signin', 'innlogging\\S*', 'innlogginga', 'pålogging\\S*', 'verify',
  'verifiser', 'verifisere', 'bekreft', 'bekrefte', 'bekreftelse', 'stadfest', 'stadfeste', 'stadfesting',
  'autentisering\\S*', 'authenticate', 'authentication', '2-faktor\\S*', 'tofaktor\\S*', 'totrinns\\S*',
]);
const weakPhrase = /(?<![\p{L}])(?:logg|logge|logga|log|sign)\s+(?:inn|in|on)(?![\p{L}])/giu;

/** Every keyword of the text, in order. */
export function findKeywords(text: string): Keyword[] {
  const found: Keyword[] = [];
  let lastEnd = -1;
  for (const match of text.matchAll(stem)) {
    if (match.index < lastEnd) continue; // a second stem in a word already classified
    const [start, end] = wordAround(text, match.index, match.index + match[0].length);
    lastEnd = end;
    const kind = classifyWord(text.slice(start, end).toLowerCase(), wordsBefore(text, start));
    if (kind) found.push({ start, end, weak: kind === 'weak' });
  }
  for (const match of text.matchAll(weakPhrase)) {
    found.push({ start: match.index, end: match.index + match[0].length, weak: true });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Widens [start, end) to the whole word, hyphenated and apostrophe compounds included (`PIN-kode`, `one-time`). */
function wordAround(text: string, start: number, end: number): [number, number] {
  for (;;) {
    if (start > 0 && wordCharacter.test(text[start - 1]!)) start--;
    else if (start > 1 && isJoiner(text[start - 1]!) && wordCharacter.test(text[start - 2]!)) start -= 2;
    else break;
  }
  for (;;) {
    if (end < text.length && wordCharacter.test(text[end]!)) end++;
    else if (end + 1 < text.length && isJoiner(text[end]!) && wordCharacter.test(text[end + 1]!)) end += 2;
    else break;
  }
  return [start, end];
}

function isJoiner(ch: string): boolean {
  return ch === '-' || ch === "'" || ch === '’';
}

/** The (up to three) lower-case words before `index`, for qualifiers such as `promo code`. */
function wordsBefore(text: string, index: number): string[] {
  const words = text.slice(Math.max(0, index - 40), index).match(previousWords) ?? [];
  return words.slice(-3).map((w) => w.toLowerCase());
}

/**
 * Whether one lower-case word is a keyword; `previous` holds the (up to three) words before it, for `promo code` and
 * `rabatt med koden`.
 */
export function classifyWord(lower: string, previous: readonly string[] = []): 'strong' | 'weak' | null {
  if (strongWord.test(lower)) return 'strong';
  const ending = codeEnding.exec(lower);
  if (ending) {
    if (ending.index > 0) return otherKindOfCode.test(lower.slice(0, ending.index)) ? null : 'strong';
    const qualifier = previous[previous.length - 1] ?? '';
    return otherKindOfCode.test(qualifier) || previous.some((w) => discountWord.test(w)) ? null : 'strong';
  }
  return weakWord.test(lower) ? 'weak' : null;
}

/** True for a word that names a code or password (used to stop look-behind scans at a keyword). */
export function isKeywordWord(lower: string): boolean {
  return classifyWord(lower) === 'strong';
}
