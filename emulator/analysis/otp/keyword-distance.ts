import type { Keyword } from './keywords.js';

const wordToken = /[\p{L}\p{N}]+/gu;
const sentenceEnd = /[.!?](?=\s)/g;
const lineBreak = /\n/g;
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
 */
export function keywordDistance(
  text: string,
  keywords: readonly Keyword[],
  start: number,
  end: number,
  sameSentence = false,
): number {
  let best = Infinity;
  const split = firstEndingAfter(keywords, start); // keywords before it end at or before the candidate's start
  const from = Math.max(0, split - neighbours);
  for (let i = from; i < Math.min(keywords.length, split + neighbours); i++) {
    const keyword = keywords[i]!;
    if (keyword.start > end + maxGap) break;
    let gap: string;
    let penalty = keyword.weak ? 3 : 0;
    if (keyword.end <= start) {
      if (start - keyword.end > maxGap) continue;
      gap = text.slice(keyword.end, start);
    } else if (end <= keyword.start) {
      gap = text.slice(end, keyword.start);
      penalty += 1;
    } else continue; // overlapping: a keyword inside the candidate's own token says nothing about it
    const sentenceEnds = count(gap, sentenceEnd);
    if (sameSentence && sentenceEnds > 0) continue;
    const distance = count(gap, wordToken) + 2 * sentenceEnds + count(gap, lineBreak) + penalty;
    if (distance < best) best = distance;
  }
  return best;
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

function count(s: string, pattern: RegExp): number {
  return s.match(pattern)?.length ?? 0;
}
