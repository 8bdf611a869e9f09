import type { Candidate } from './candidate.js';
import { codePointClass } from './code-point-class.js';
import { keywordDistance } from './keyword-distance.js';
import { classifyWord, type Keyword } from './keywords.js';
import { notACode } from './not-a-code.js';

/**
 * A token of letters and digits, possibly in hyphenated groups (`X7K9-PQ`, `AB12CD`, `G-482913`). Sticky: tried only
 * where a token with both a letter and a digit can start (see scanStretch), its lastIndex set right before each use.
 */
const token = /(?<![\p{L}\p{N}_-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\p{L}\p{N}_]|-[\p{L}\p{N}])/uy;
/** Tested on single UTF-16 units, as `text[i]` was. */
const isTokenCharacter = codePointClass(/[\p{L}\p{N}_-]/u);
const hasDigit = /\d/;
const hasLetter = /[A-Za-z]/;
/**
 * Looks like a word or a quantity, not a code: `10min`, `5GB`, `2nd`, `kode2024`; or like a campaign's promo code, a
 * word and a small number (`SPRING30`, `DATA50`, `WELCOME10`), where a one-time code's letters are random.
 */
const wordLike = /[a-z]{3,}|^\d+[A-Za-z]{1,3}$|^[A-Z]{4,}\d{1,3}$/;
/** A one-letter brand prefix on a numeric code (`G-482913`): the user types the digits. */
const prefixedDigits = /^[A-Z]-(\d{4,8})$/;
/**
 * How near a keyword an alphanumeric code must be: "right next to" it, in the same sentence (`Kode: X7K9-PQ`,
 * `AB12CD er koden din`, `G-482913 is your Google verification code`, `Tilgangskoden din til appen er H4T9WZ`).
 */
const maxDistance = 5;

/**
 * A token holds a letter and a digit only where a digit stands beside a letter (hyphens between): a stretch without
 * that has no alphanumeric code, and most have none. (`-*` only ever runs over hyphens, so this stays linear.)
 */
const letterBesideDigit = /[0-9](?:-*[A-Za-z]|(?<=[A-Za-z]-*[0-9]))/;

/** Alphanumeric codes are looked for only this many characters around a keyword (four words fit easily). */
const reach = 64;

/**
 * Alphanumeric codes, only where a strong keyword is right next to them (product §5): beside a weak one (`Booking
 * confirmation LX4P7Q`, `Login ID AB12CD`) a token of letters and digits is a reference far more often than a code.
 */
export function findAlphanumericCandidates(text: string, allKeywords: readonly Keyword[]): Candidate[] {
  const found: Candidate[] = [];
  const keywords = allKeywords.filter((k) => !k.weak);
  if (keywords.length === 0) return found;
  let scanned = 0; // the stretches around neighbouring keywords overlap: scan each part once
  for (const keyword of keywords) {
    let from = keyword.start - reach;
    let to = Math.min(text.length, keyword.end + reach);
    if (to <= scanned) continue;
    // Widen to whole tokens so that an edge never cuts one in two; a stretch that continues the last one starts
    // where that one stopped, which is already between tokens.
    if (from <= scanned) from = scanned;
    else while (from > 0 && isTokenCharacter(text.charCodeAt(from - 1))) from--;
    while (to < text.length && isTokenCharacter(text.charCodeAt(to))) to++;
    scanStretch(text, keywords, from, to, found);
    scanned = to;
  }
  return found;
}

/**
 * `text.slice(from, to).matchAll(token)`, tried only at the start of a run of `[A-Za-z0-9-]` that holds both a letter
 * and a digit: a token is a prefix of that run, and every later position in it fails the look-behind.
 */
function scanStretch(text: string, keywords: readonly Keyword[], from: number, to: number, found: Candidate[]): void {
  const stretch = text.slice(from, to);
  if (!letterBesideDigit.test(stretch)) return;
  for (let i = 0; i < stretch.length; ) {
    if (!isAsciiLetterOrDigit(stretch.charCodeAt(i)) || (i > 0 && isAsciiTokenCharacter(stretch.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let runEnd = i;
    let letter = false;
    let digit = false;
    for (; runEnd < stretch.length; runEnd++) {
      const c = stretch.charCodeAt(runEnd);
      if (c >= 0x30 && c <= 0x39) digit = true;
      else if (isAsciiLetter(c)) letter = true;
      else if (c !== 0x2d) break;
    }
    token.lastIndex = i;
    if (!letter || !digit || !token.test(stretch)) {
      i = runEnd;
      continue;
    }
    const raw = stretch.slice(i, token.lastIndex);
    const start = from + i;
    i = token.lastIndex;
    if (!hasLetter.test(raw) || !hasDigit.test(raw)) continue;
    const plain = raw.replaceAll('-', '');
    if (plain.length < 4 || plain.length > 12 || wordLike.test(raw)) continue;
    if (raw.split('-').some((part) => classifyWord(part.toLowerCase()) !== null)) continue;
    const end = start + raw.length;
    const distance = keywordDistance(text, keywords, start, end, true, maxDistance);
    if (distance > maxDistance) continue;
    // What surrounds it can still make it something else: a booking reference (`bestilling QX4B7L`, `Ref: AB12CD`).
    if (notACode(text, start, end, raw, { keywordDistance: distance }) !== null) continue;
    found.push({ code: prefixedDigits.exec(raw)?.[1] ?? raw, start, end, distance });
  }
}

function isAsciiLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x7a;
}

function isAsciiLetterOrDigit(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39);
}

/** ASCII characters of the look-behind's class `[\p{L}\p{N}_-]`. */
function isAsciiTokenCharacter(c: number): boolean {
  return isAsciiLetterOrDigit(c) || c === 0x5f || c === 0x2d;
}
