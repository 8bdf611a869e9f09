import type { Keyword } from './keywords.js';

const wordToken = /[\p{L}\p{N}]+/gu;
const sentenceEnd = /[.!?](?=\s)/g;
const lineBreak = /\n/g;
/** Keywords further away than this (in characters) do not anchor a candidate. */
const maxGap = 200;

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
  for (const keyword of keywords) {
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

function count(s: string, pattern: RegExp): number {
  return s.match(pattern)?.length ?? 0;
}
