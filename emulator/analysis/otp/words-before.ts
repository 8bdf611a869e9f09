import { isLetterOrNumber } from './letter-or-number.js';

/**
 * The last `limit` words of text[from, end), lower-cased, newest first: `word(0)` is the last word. Read backwards on
 * demand, so a rule that stops at the first word reads one. They are the words of
 * `text.slice(from, end).match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*\/gu).slice(-limit)`: maximal runs of letters
 * and digits joined by single `-`, `'` or `’`, which split alike whichever end they are read from.
 */
export class WordsBefore {
  private readonly words: string[] = [];
  private readonly from: number;
  private position: number;

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly limit: number,
    from = 0,
  ) {
    this.from = Math.min(Math.max(0, from), end);
    this.position = end;
  }

  word(k: number): string | undefined {
    while (this.words.length <= k && this.words.length < this.limit) {
      const word = this.previous();
      if (word === undefined) return undefined;
      this.words.push(word);
    }
    return this.words[k];
  }

  /** Whether `pattern` (without g or y) matches somewhere in text[from, end). */
  mayHold(pattern: RegExp): boolean {
    return pattern.test(this.text.slice(this.from, this.end));
  }

  private previous(): string | undefined {
    const text = this.text;
    let end = this.position;
    let width = 0;
    while (end > this.from && (width = this.letterOrNumberBefore(end)) === 0) end--;
    if (end === this.from) return undefined;
    let start = end - width;
    for (;;) {
      const next = this.letterOrNumberBefore(start);
      if (next > 0) start -= next;
      else if (start > this.from + 1 && isJoiner(text.charCodeAt(start - 1)) && this.letterOrNumberBefore(start - 1) > 0) {
        start--;
      } else break;
    }
    this.position = start;
    return text.slice(start, end).toLowerCase();
  }

  /** The width (1 or 2 units) of the letter or digit that ends at `end`, read as a `u` regex does; 0 for none. */
  private letterOrNumberBefore(end: number): number {
    if (end <= this.from) return 0;
    const c = this.text.charCodeAt(end - 1);
    if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) ? 1 : 0;
    if (c >= 0xdc00 && c <= 0xdfff && end - 1 > this.from) {
      const high = this.text.charCodeAt(end - 2);
      if (high >= 0xd800 && high <= 0xdbff) return isLetterOrNumber((high - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000) ? 2 : 0;
    }
    return isLetterOrNumber(c) ? 1 : 0;
  }
}

function isJoiner(c: number): boolean {
  return c === 0x2d || c === 0x27 || c === 0x2019; // - ' ’
}
