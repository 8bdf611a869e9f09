import type { Candidate } from './candidate.js';
import { keywordDistance } from './keyword-distance.js';
import { classifyWord, type Keyword } from './keywords.js';

/** A token of letters and digits, possibly in hyphenated groups (`X7K9-PQ`, `AB12CD`, `G-482913`). */
const token = /(?<![\p{L}\p{N}_-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\p{L}\p{N}_]|-[\p{L}\p{N}])/gu;
const tokenCharacter = /[\p{L}\p{N}_-]/u;
const hasDigit = /\d/;
const hasLetter = /[A-Za-z]/;
/** Looks like a word or a quantity, not a code: `10min`, `5GB`, `2nd`, `kode2024`. */
const wordLike = /[a-z]{3,}|^\d+[A-Za-z]{1,3}$/;
/** A one-letter brand prefix on a numeric code (`G-482913`): the user types the digits. */
const prefixedDigits = /^[A-Z]-(\d{4,8})$/;
/**
 * How near a keyword an alphanumeric code must be: "right next to" it, in the same sentence (`Kode: X7K9-PQ`,
 * `AB12CD er koden din`, `G-482913 is your Google verification code`).
 */
const maxDistance = 4;

/** Alphanumeric codes are looked for only this many characters around a keyword (four words fit easily). */
const reach = 64;

/** Alphanumeric codes, only where a keyword is right next to them (product §5). */
export function findAlphanumericCandidates(text: string, keywords: readonly Keyword[]): Candidate[] {
  const found: Candidate[] = [];
  let scanned = 0; // the stretches around neighbouring keywords overlap: scan each part once
  for (const keyword of keywords) {
    let from = keyword.start - reach;
    let to = Math.min(text.length, keyword.end + reach);
    if (to <= scanned) continue;
    // Widen to whole tokens so that an edge never cuts one in two; a stretch that continues the last one starts
    // where that one stopped, which is already between tokens.
    if (from <= scanned) from = scanned;
    else while (from > 0 && tokenCharacter.test(text[from - 1]!)) from--;
    while (to < text.length && tokenCharacter.test(text[to]!)) to++;
    scanStretch(text, keywords, from, to, found);
    scanned = to;
  }
  return found;
}

function scanStretch(text: string, keywords: readonly Keyword[], from: number, to: number, found: Candidate[]): void {
  for (const match of text.slice(from, to).matchAll(token)) {
    const raw = match[0];
    if (!hasLetter.test(raw) || !hasDigit.test(raw)) continue;
    const plain = raw.replaceAll('-', '');
    if (plain.length < 4 || plain.length > 12 || wordLike.test(raw)) continue;
    if (raw.split('-').some((part) => classifyWord(part.toLowerCase()) !== null)) continue;
    const start = from + match.index;
    const end = start + raw.length;
    const distance = keywordDistance(text, keywords, start, end, true);
    if (distance > maxDistance) continue;
    found.push({ code: prefixedDigits.exec(raw)?.[1] ?? raw, start, end, distance });
  }
}
