import { isLetterOrNumber } from './letter-or-number.js';
import { wholeWord } from './whole-word.js';
import { WordsBefore } from './words-before.js';

/** A place in the text that says "here is a code". `weak` ones (log in, verify) anchor less than `kode` or `OTP`. */
export interface Keyword {
  start: number;
  end: number;
  weak: boolean;
}

/**
 * The stems of every keyword pattern below; only words containing one are classified, so a long mail costs one scan.
 * That is `kod|cod|confirm|pin|otp|2fa|pass|engang|eingong|one-?time|onetime|verif|log|sign|bekreft|stadfest|autenti|
 * authenti|faktor|totrinn` with the stems grouped by their first character (in their order within a group), which
 * matches the same at every position and scans faster. Read with an exec loop; its lastIndex is reset before each scan.
 */
const stem =
  /kod|co(?:d|nfirm)|p(?:in|ass)|o(?:tp|ne-?time|netime)|2fa|e(?:ngang|ingong)|verif|log|s(?:ign|tadfest)|bekreft|a(?:utenti|uthenti)|faktor|totrinn/gi;

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
    'sortering', 'sort', 'vare', 'produkt', 'product', 'item', 'tax', 'skatt', 'port', 'dør', 'door', 'alarm',
    'billett', 'ticket',
  ].join('|')})s?-?$`,
  'u',
);

/** Words that make a nearby bare "koden"/"code" a discount code (`10 % rabatt med koden HANDLE10`). */
const discountWord = wholeWord([
  'rabatt', 'rabatten', 'avslag', 'discount', 'promo', 'kampanje', 'kampanjen', 'tilbud', 'tilbudet', 'coupon', 'kupong',
  'voucher', 'gavekort',
]);

/**
 * A part of every discount word, for a quick look at the text before a keyword. Case-insensitive with `u`, as the
 * words are lower-cased with toLowerCase: `K` (U+212A) is a `k` to both.
 */
const discountStem = /rabatt|avslag|discount|promo|kampanje|tilbud|coupon|kupong|voucher|gavekort/iu;
/** A percentage shortly before a bare "koden"/"code": a discount (`20 % på alle TV-er med koden TV2025`). */
const percentFigure = /\d ?%/;

/** Words that suggest a code without naming it: log in, verify, confirm, two-factor. */
const weakWord = wholeWord([
  'login', 'log-in', 'logon', 'sign-in', 'signin', 'innlogging\\S*', 'innlogginga', 'pålogging\\S*', 'verify',
  'verifiser', 'verifisere', 'bekreft', 'bekrefte', 'bekreftelse', 'stadfest', 'stadfeste', 'stadfesting',
  'autentisering\\S*', 'authenticate', 'authentication', '2-faktor\\S*', 'tofaktor\\S*', 'totrinns\\S*', 'confirm',
  'confirmation',
]);
/** Tried only where it can start (see findWeakPhrases); sticky, its lastIndex set right before each use. */
const weakPhrase = /(?<![\p{L}])(?:logg|logge|logga|log|sign)\s+(?:inn|in|on)(?![\p{L}])/iuy;
/**
 * Where weakPhrase can start: `log` or `sign` in any case, not after an ASCII letter. Under `iu` these letters match
 * only their ASCII cases, except `s`, which also matches `ſ` (U+017F): with `i` but without `u` it does not, so that
 * one is listed.
 */
const weakPhraseStart = /(?<![A-Za-z])(?:log|[sſ]ign)/gi;

/** Keywords that say one-time or verification themselves: no context makes them a standing secret. */
const saysOneTime = /engang|eingong|one-?time|onetime|otp|verif|2fa/;
/**
 * Things whose code or PIN stays the same from use to use: a door, gate or key box, Wi-Fi, a voicemail box, a gift
 * card, an entrance or alarm (`Kode til bua er 1905`, `PIN-koden til mobilsvaret er 1234`, `gate code for
 * tonight is 4729`, `Gavekortnummer: 6280 0012 3456 7890, PIN: 4417`).
 */
const standingSecret = new RegExp(
  `(?<![\\p{L}])(?:${[
    'nøkkelboks\\p{L}*', 'nøkkelskap\\p{L}*', 'key ?box', 'lockbox', 'bua', 'boden', 'hytta', 'porten', 'dør', 'døra',
    'døren', 'door', 'doors', 'gate', 'wi-?fi', 'wlan', 'talepost\\p{L}*', 'mobilsvar\\p{L}*', 'voicemail',
    'gavekort\\p{L}*', 'gift card', 'turnstiles?', 'inngang\\p{L}*', 'entrance', 'alarm\\p{L}*', 'garasje\\p{L}*', 'garage',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);
const sentenceEnd = /[.!?](?=\s)/g;

/** Whether the text speaks of a standing secret anywhere (see standingSecret). */
export function mentionsStandingSecret(text: string): boolean {
  return standingSecret.test(text);
}

/**
 * Whether a plain code keyword (`kode`, `PIN`, `passord`) stands in a sentence about a standing secret: up to 50
 * characters before it and 40 after, within its sentence.
 */
function standingSecretAround(text: string, start: number, end: number): boolean {
  let before = text.slice(Math.max(0, start - 50), start);
  let sentenceStart = 0;
  for (const m of before.matchAll(sentenceEnd)) sentenceStart = m.index + 1;
  before = before.slice(sentenceStart);
  let after = text.slice(end, end + 40);
  sentenceEnd.lastIndex = 0;
  const stop = sentenceEnd.exec(after);
  if (stop) after = after.slice(0, stop.index);
  return standingSecret.test(`${before} ${after}`);
}

/** Every keyword of the text, in order. */
export function findKeywords(text: string): Keyword[] {
  const found: Keyword[] = [];
  let lastEnd = -1;
  stem.lastIndex = 0;
  for (let match = stem.exec(text); match !== null; match = stem.exec(text)) {
    if (match.index < lastEnd) continue; // a second stem in a word already classified
    const [start, end] = wordAround(text, match.index, stem.lastIndex);
    lastEnd = end;
    const lower = text.slice(start, end).toLowerCase();
    const kind = classify(lower, new WordsBefore(text, start, 3, start - 40));
    if (kind === 'strong' && !saysOneTime.test(lower) && standingSecretAround(text, start, end)) continue;
    if (kind) found.push({ start, end, weak: kind === 'weak' });
  }
  findWeakPhrases(text, found);
  return isSorted(found) ? found : found.sort((a, b) => a.start - b.start);
}

/**
 * `text.matchAll(weakPhrase)` without trying the look-behind and its Unicode class at every position: only where its
 * first word can start and the character before is no ASCII letter (any other is left to the look-behind).
 */
function findWeakPhrases(text: string, found: Keyword[]): void {
  weakPhraseStart.lastIndex = 0;
  for (let start = weakPhraseStart.exec(text); start !== null; start = weakPhraseStart.exec(text)) {
    weakPhrase.lastIndex = start.index;
    if (!weakPhrase.test(text)) continue;
    found.push({ start: start.index, end: weakPhrase.lastIndex, weak: true });
    weakPhraseStart.lastIndex = weakPhrase.lastIndex;
  }
}

function isSorted(keywords: readonly Keyword[]): boolean {
  for (let i = 1; i < keywords.length; i++) if (keywords[i]!.start < keywords[i - 1]!.start) return false;
  return true;
}

/**
 * Widens [start, end) to the whole word, hyphenated and apostrophe compounds included (`PIN-kode`, `one-time`). Reads
 * single UTF-16 units: half a surrogate pair is no word character here.
 */
function wordAround(text: string, start: number, end: number): [number, number] {
  for (;;) {
    if (start > 0 && isWordUnit(text, start - 1)) start--;
    else if (start > 1 && isJoiner(text.charCodeAt(start - 1)) && isWordUnit(text, start - 2)) start -= 2;
    else break;
  }
  for (;;) {
    if (end < text.length && isWordUnit(text, end)) end++;
    else if (end + 1 < text.length && isJoiner(text.charCodeAt(end)) && isWordUnit(text, end + 1)) end += 2;
    else break;
  }
  return [start, end];
}

function isWordUnit(text: string, i: number): boolean {
  return isLetterOrNumber(text.charCodeAt(i));
}

function isJoiner(c: number): boolean {
  return c === 0x2d || c === 0x27 || c === 0x2019; // - ' ’
}

/**
 * Whether one lower-case word is a keyword; `previous` holds the (up to three) words before it, for `promo code` and
 * `rabatt med koden`.
 */
export function classifyWord(lower: string, previous: readonly string[] = []): 'strong' | 'weak' | null {
  return classify(lower, { word: (k) => previous[previous.length - 1 - k], mayHold: (pattern) => pattern.test(previous.join(' ')) });
}

/** The words before a keyword: word(0) is the last; `mayHold` is false when no discount word can be among them. */
interface PreviousWords {
  word(k: number): string | undefined;
  mayHold(pattern: RegExp): boolean;
}

/**
 * classifyWord, with the words before read only for a bare `kode`/`code`, the one case that needs them (and then
 * the ones past the first only when a discount word may be among them).
 */
function classify(lower: string, previous: PreviousWords): 'strong' | 'weak' | null {
  if (strongWord.test(lower)) return 'strong';
  const ending = codeEnding.exec(lower);
  if (ending) {
    if (ending.index > 0) return otherKindOfCode.test(lower.slice(0, ending.index)) ? null : 'strong';
    if (otherKindOfCode.test(previous.word(0) ?? '')) return null;
    if (previous.mayHold(percentFigure)) return null;
    if (!previous.mayHold(discountStem)) return 'strong';
    for (let k = 0; ; k++) {
      const word = previous.word(k);
      if (word === undefined) return 'strong';
      if (discountWord.test(word)) return null;
    }
  }
  return weakWord.test(lower) ? 'weak' : null;
}

/**
 * Every strong keyword contains one of these (see strongWord and codeEnding): most words do not, and need no more.
 */
const strongStem = /kod|cod|pin|otp|2fa|pass|engang|eingong|one-?time|onetime|verif/;

/** True for a word that names a code or password (used to stop look-behind scans at a keyword). */
export function isKeywordWord(lower: string): boolean {
  if (!strongStem.test(lower)) return false;
  return classifyWord(lower) === 'strong';
}
