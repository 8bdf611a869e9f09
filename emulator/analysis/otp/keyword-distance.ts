import type { Keyword } from './keywords.js';
import { isLetterOrNumber } from './letter-or-number.js';
import { isWhiteSpace } from './white-space.js';

/** Keywords further away than this (in characters) do not anchor a candidate. */
const maxGap = 200;
/**
 * Only the nearest few keywords on each side are measured: a farther one on the same side has at least as many words
 * and sentence ends in between, so it wins only through the weak-keyword penalty, which three neighbours cover. This
 * bounds the cost per candidate in a text dense with keywords.
 */
const neighbours = 3;

/**
 * How far a candidate at [start, end) is from the nearest keyword, in words: the words between them, plus 2 for each
 * sentence end and 1 for each line break crossed, plus 1 when the code comes before its keyword ("482913 er koden
 * din" is a little less certain than "koden din er 482913"), plus 3 for a weak keyword. Infinity when none is near.
 * With `sameSentence`, keywords in another sentence do not count (line breaks are still crossed: `Kode:\nX7K9PQ`).
 * With `cap`, a distance above the cap comes back as some figure above it (Infinity): counting stops there.
 * A candidate alone on its line under a line that ends in `:` is that line's value (`Kode for å godkjenne overføring
 * på kr 25 000 til konto 3910 45 67890:\n\n73 60 21`): a keyword of that label line counts as if right before it.
 */
export function keywordDistance(
  text: string,
  keywords: readonly Keyword[],
  start: number,
  end: number,
  sameSentence = false,
  cap = Infinity,
): number {
  let best = Infinity;
  const split = firstEndingAfter(keywords, start); // keywords before it end at or before the candidate's start
  const from = Math.max(0, split - neighbours);
  for (let i = from; i < Math.min(keywords.length, split + neighbours); i++) {
    const keyword = keywords[i]!;
    if (keyword.start > end + maxGap) break;
    let gapStart: number;
    let gapEnd: number;
    let penalty = keyword.weak ? 3 : 0;
    if (keyword.end <= start) {
      if (start - keyword.end > maxGap) continue;
      gapStart = keyword.end;
      gapEnd = start;
    } else if (end <= keyword.start) {
      gapStart = end;
      gapEnd = keyword.start;
      penalty += 1;
    } else continue; // overlapping: a keyword inside the candidate's own token says nothing about it
    // Counting stops once this keyword can neither beat the best so far nor come within the cap.
    const distance = gapDistance(text, gapStart, gapEnd, sameSentence, Math.min(best, cap + 1) - penalty);
    if (distance + penalty < best) best = distance + penalty;
  }
  return best <= 1 ? best : Math.min(best, labelDistance(text, keywords, start, end, false));
}

/**
 * Whether the candidate stands alone on its line under a label line that ends in `:` and holds a strong keyword (`Use
 * the code below to sign in to your account:` / `301 774`): that label names what the number is.
 */
export function underCodeLabel(text: string, keywords: readonly Keyword[], start: number, end: number): boolean {
  return labelDistance(text, keywords, start, end, true) < Infinity;
}

/**
 * The distance of a candidate alone on its line from the nearest keyword (with `strongOnly`, strong keyword) of the
 * line above it when that line ends in `:` (the line breaks between them, plus 3 for a weak keyword); Infinity
 * otherwise.
 */
function labelDistance(text: string, keywords: readonly Keyword[], start: number, end: number, strongOnly: boolean): number {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (lineStart === 0 || !isBlank(text, lineStart, start)) return Infinity;
  const lineEnd = text.indexOf('\n', end);
  if (!isBlank(text, end, lineEnd === -1 ? text.length : lineEnd)) return Infinity;
  let labelEnd = lineStart - 1; // the line break before the candidate's line
  let lineBreaks = 0;
  while (labelEnd >= 0 && isWhiteSpace(text.charCodeAt(labelEnd))) if (text.charCodeAt(labelEnd--) === 0x0a) lineBreaks++;
  if (labelEnd < 0 || text.charCodeAt(labelEnd) !== 0x3a) return Infinity;
  const labelStart = text.lastIndexOf('\n', labelEnd) + 1;
  let best = Infinity;
  for (let i = firstEndingAfter(keywords, labelStart); i < keywords.length && keywords[i]!.end <= labelEnd; i++) {
    if (strongOnly && keywords[i]!.weak) continue;
    const distance = lineBreaks + (keywords[i]!.weak ? 3 : 0);
    if (distance < best) best = distance;
  }
  return best;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The words between gapStart and gapEnd (runs of letters and digits, a surrogate pair being one character), plus 2
 * for each sentence end (`.`, `!` or `?` before white space inside the gap) and 1 for each line break, in one pass;
 * Infinity with `sameSentence` when the gap crosses a sentence end, and as soon as the count reaches `limit`.
 */
function gapDistance(text: string, gapStart: number, gapEnd: number, sameSentence: boolean, limit: number): number {
  let words = 0;
  let sentenceEnds = 0;
  let lineBreaks = 0;
  let inWord = false;
  for (let i = gapStart; i < gapEnd; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
      if (word) {
        if (!inWord && ++words + 2 * sentenceEnds + lineBreaks >= limit) return Infinity;
        inWord = true;
        continue;
      }
      inWord = false;
      if (c === 0x0a) {
        if (words + 2 * sentenceEnds + ++lineBreaks >= limit) return Infinity;
      } else if ((c === 0x2e || c === 0x21 || c === 0x3f) && i + 1 < gapEnd && isWhiteSpace(text.charCodeAt(i + 1))) {
        if (sameSentence || words + 2 * ++sentenceEnds + lineBreaks >= limit) return Infinity;
      }
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < gapEnd) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isLetterOrNumber(c)) {
      if (!inWord && ++words + 2 * sentenceEnds + lineBreaks >= limit) return Infinity;
      inWord = true;
    } else inWord = false;
  }
  const distance = words + 2 * sentenceEnds + lineBreaks;
  return distance >= limit ? Infinity : distance;
}

/** Index of the first keyword ending after `position` (keywords are sorted and do not overlap). */
function firstEndingAfter(keywords: readonly Keyword[], position: number): number {
  let low = 0;
  let high = keywords.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keywords[middle]!.end <= position) low = middle + 1;
    else high = middle;
  }
  return low;
}
