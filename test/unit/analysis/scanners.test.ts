import { describe, expect, it } from 'vitest';
import { codePointClass } from '../../../emulator/analysis/otp/code-point-class.js';
import { isLetterOrNumber } from '../../../emulator/analysis/otp/letter-or-number.js';
import { runStartBefore } from '../../../emulator/analysis/otp/run-start-before.js';
import { isWhiteSpace } from '../../../emulator/analysis/otp/white-space.js';
import { WordsBefore } from '../../../emulator/analysis/otp/words-before.js';
import { generatedTexts } from './generated-texts.js';

/** Every BMP code point, and the astral ones at the start of each 256-block (letters, digits, emoji, unassigned). */
function* codePoints(): Generator<number> {
  for (let cp = 0; cp <= 0xffff; cp++) yield cp;
  for (let cp = 0x10000; cp <= 0x10ffff; cp += 0x100) for (let k = 0; k < 4; k++) yield cp + k;
  yield 0x1d400; // 𝐀, a letter
  yield 0x1d7cf; // 𝟏, a digit
}

describe('codePointClass', () => {
  it.each([
    ['letters and digits', /[\p{L}\p{N}]/u],
    ['letters and digits, case-insensitive (takes U+0345)', /[\p{L}\p{N}.-]/iu],
    ['local-part characters', /[\p{L}\p{N}._%+-]/u],
    ['white space', /\s/],
  ])('answers as the regex for %s, for every code point and lone surrogate', (_name, regex) => {
    const test = codePointClass(regex);
    const wrong: string[] = [];
    for (const cp of codePoints()) if (test(cp) !== regex.test(String.fromCodePoint(cp))) wrong.push(cp.toString(16));
    expect(wrong).toEqual([]);
  });

  it('refuses a global or sticky regex, whose test() would move on', () => {
    expect(() => codePointClass(/a/g)).toThrow();
    expect(() => codePointClass(/a/y)).toThrow();
  });

  it('gives the shared classes their regexes', () => {
    expect(isLetterOrNumber(0x41)).toBe(true);
    expect(isLetterOrNumber(0xe6)).toBe(true); // æ
    expect(isLetterOrNumber(0x1d400)).toBe(true); // 𝐀
    expect(isLetterOrNumber(0xd835)).toBe(false); // half of it
    expect(isLetterOrNumber(0x2d)).toBe(false);
    expect(isWhiteSpace(0xa0)).toBe(true);
    expect(isWhiteSpace(0xfeff)).toBe(true);
    expect(isWhiteSpace(0x200b)).toBe(false); // zero-width space is no \s
  });
});

describe('runStartBefore', () => {
  it('finds where the run of class members that ends at a position starts, reading a surrogate pair as one', () => {
    const member = codePointClass(/[\p{L}\p{N}.-]/iu);
    expect(runStartBefore('se altinn.no/hjelp', 12, member)).toBe(3);
    expect(runStartBefore('x 𝐀𝐀.no/', 7, member)).toBe(2);
    expect(runStartBefore('x \ude00a.no/', 6, member)).toBe(3); // a lone low surrogate is no letter
    expect(runStartBefore('/', 0, member)).toBe(0);
  });

  it('agrees with a regex anchored at the position, at every position of generated texts', () => {
    const member = codePointClass(/[\p{L}\p{N}._%+-]/u);
    for (const text of generatedTexts(150, 7)) {
      for (let end = 0; end <= text.length; end++) {
        const start = runStartBefore(text, end, member);
        const expected = /[\p{L}\p{N}._%+-]*$/u.exec(text.slice(0, end))!.index;
        expect(start, JSON.stringify([text, end])).toBe(expected);
      }
    }
  });
});

describe('WordsBefore', () => {
  const tokens = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

  it('reads the last words backwards, lower-cased, joined by single hyphens and apostrophes', () => {
    const text = "Din PIN-kode (Kari's) er--klar 𝐀b ";
    const words = new WordsBefore(text, text.length, 8);
    expect([0, 1, 2, 3, 4, 5, 6].map((k) => words.word(k))).toEqual([
      '𝐀b', 'klar', 'er', "kari's", 'pin-kode', 'din', undefined,
    ]);
  });

  it('stops at its limit', () => {
    const words = new WordsBefore('a b c d e', 9, 3);
    expect(words.word(2)).toBe('c');
    expect(words.word(3)).toBeUndefined();
  });

  it('gives the words of a left-to-right token regex over the stretch, for generated texts', () => {
    const texts = generatedTexts(2000, 11);
    for (const [n, text] of texts.entries()) {
      // the whole text, and a stretch that may cut a word or a surrogate pair at either end
      const end = Math.max(0, text.length - (n % 7));
      const from = n % 2 ? 0 : n % (end + 1);
      const expected = (text.slice(from, end).match(tokens) ?? []).slice(-8).map((w) => w.toLowerCase()).reverse();
      const words = new WordsBefore(text, end, 8, from);
      const read: string[] = [];
      for (let k = 0; words.word(k) !== undefined; k++) read.push(words.word(k)!);
      expect(read, JSON.stringify([text, from, end])).toEqual(expected);
    }
  });

  it('says whether a pattern matches in its stretch only', () => {
    const words = new WordsBefore('rabatt med koden', 11, 3, 4);
    expect(words.mayHold(/med/)).toBe(true);
    expect(words.mayHold(/rabatt/)).toBe(false);
    expect(words.mayHold(/koden/)).toBe(false);
  });
});

describe('case variants the prefilters rely on', () => {
  it('has no non-ASCII letter that a case-insensitive Unicode regex reads as l, o, g, i or n, and only ſ as s', () => {
    // keywords.ts looks for `log` and `sign` with a non-Unicode regex that lists ſ (U+017F) for s.
    const found: string[] = [];
    for (const cp of codePoints()) {
      if (cp < 0x80) continue;
      if (/^[logsin]$/iu.test(String.fromCodePoint(cp))) found.push(cp.toString(16));
    }
    expect(found).toEqual(['17f']);
  });
});
