import type { Candidate } from './candidate.js';
import { keywordDistance, underCodeLabel } from './keyword-distance.js';
import type { Keyword } from './keywords.js';
import { notACode } from './not-a-code.js';

/**
 * A run of number atoms joined by single spaces (`+47 999 99 999`, `1 250,00`, `27.11.2026 14:30`, `482 913`); an
 * atom is digits with inner `. , : / -` separators. Not preceded or followed by a letter or digit, so digits inside
 * words (`AB12CD`, `v2`) are not numbers here.
 */
const cluster = /(?<![\p{L}\p{N}_])(\+)?\d+(?:[.,:/-]\d+)*(?: \d+(?:[.,:/-]\d+)*)*(?![\p{L}\p{N}_])/uy;
const digitsOnly = /^\d+$/;
const innerPunctuation = /[.,:/]/;
/** Pairs (`29 55 18`) read as one code only with a keyword in the same passage (`Sikkerhetskode: 29 55 18`). */
const maxPairsDistance = 12;

interface Atom {
  text: string;
  start: number;
}

/**
 * Every 4–8 digit code of the text (plain or grouped), with the numbers that are something else left out, and those
 * further than `maxDistance` from a keyword (see keywordDistance) too: the caller's limit saves the other checks.
 */
export function findNumericCandidates(text: string, keywords: readonly Keyword[], maxDistance = Infinity): Candidate[] {
  const found: Candidate[] = [];
  for (let at = nextStart(text, 0); at !== -1; ) {
    const runEnd = digitsEnd(text, at);
    if (runEnd > at && runEnd - at < 4 && !joinsMoreDigits(text, runEnd)) {
      // A run of one to three digits that no separator joins to more digits is at most a cluster of its own, too
      // short for a code (`Linje 2:`, `10 min`); the next cluster starts after it. (A `+` is no digit: read below.)
      at = nextStart(text, runEnd);
      continue;
    }
    cluster.lastIndex = at;
    const match = cluster.exec(text);
    if (!match) {
      at = nextStart(text, at + 1);
      continue;
    }
    at = nextStart(text, cluster.lastIndex);
    if (match[1]) continue; // `+47 …`: an international phone number
    if (!match[0].includes(' ')) {
      // one atom (the usual case): read as the 'split' branch below reads each atom
      const end = match.index + match[0].length;
      const code = atomCode(match[0]);
      if (code) add(found, text, keywords, code, match.index, end, maxDistance);
      else {
        const pairs = hyphenatedPairs(match[0]);
        if (pairs) add(found, text, keywords, pairs, match.index, end, Math.min(maxPairsDistance, maxDistance));
      }
      continue;
    }
    const atoms = splitAtoms(match[0], match.index);
    const grouped = atoms.length > 1 && atoms.every((a) => digitsOnly.test(a.text)) ? groupedNumber(atoms) : 'split';
    if (grouped === 'none') continue;
    if (grouped !== 'split') {
      const end = match.index + match[0].length;
      const code = atoms.map((a) => a.text).join('');
      const limit = grouped === 'pairs' ? Math.min(maxPairsDistance, maxDistance) : maxDistance;
      add(found, text, keywords, code, match.index, end, limit);
      continue;
    }
    for (const atom of atoms) {
      const code = atomCode(atom.text);
      if (code) add(found, text, keywords, code, atom.start, atom.start + atom.text.length, maxDistance);
    }
  }
  return found;
}

/**
 * Where a cluster can start: a digit or `+` whose previous character is not an ASCII letter, digit or `_` (those fail
 * the look-behind of `cluster`; any other previous character is left to it). `cluster` is sticky and tried only at
 * these, so that its Unicode look-behind is not run at every position. Its lastIndex is set before each use.
 */
const clusterStart = /(?<![A-Za-z0-9_])[0-9+]/g;

function nextStart(text: string, from: number): number {
  clusterStart.lastIndex = from;
  return clusterStart.test(text) ? clusterStart.lastIndex - 1 : -1; // the match is the one character
}

/** The end of the run of ASCII digits from `start` (`start` itself for a `+`). */
function digitsEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** Whether a separator of `cluster` at `at` joins more digits (`1 250`, `27.11`, `14:30`, `482-913`). */
function joinsMoreDigits(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  const separator = c === 0x20 || c === 0x2e || c === 0x2c || c === 0x3a || c === 0x2f || c === 0x2d;
  return separator && isDigit(text.charCodeAt(at + 1));
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function add(
  found: Candidate[],
  text: string,
  keywords: readonly Keyword[],
  code: string,
  start: number,
  end: number,
  maxDistance: number,
): void {
  const distance = keywordDistance(text, keywords, start, end, false, maxDistance);
  if (distance > maxDistance) return;
  const context = { keywordDistance: distance, underCodeLabel: underCodeLabel(text, keywords, start, end) };
  if (notACode(text, start, end, code, context) === null) found.push({ code, start, end, distance });
}

function splitAtoms(cluster: string, start: number): Atom[] {
  const atoms: Atom[] = [];
  let offset = start;
  for (const text of cluster.split(' ')) {
    atoms.push({ text, start: offset });
    offset += text.length + 1;
  }
  return atoms;
}

/**
 * What space-separated digit groups are: 'code', a code grouped for reading (`482 913`, `1234 5678`, or one digit
 * per box, `4 8 2 9 1 3`); 'pairs' (`29 55 18`), a code only when a keyword is near; 'none' for a phone number
 * (`22 33 44 55`, `800 80 000`, `915 04800`), a number with thousands separators (`12 500`) or a longer number (`974 760 673`,
 * `1234 56 78901`, `010190 12345`); 'split' when the groups are unrelated numbers side by side, read one by one.
 */
function groupedNumber(atoms: Atom[]): 'code' | 'pairs' | 'none' | 'split' {
  const lengths = atoms.map((a) => a.text.length);
  const total = lengths.reduce((sum, n) => sum + n, 0);
  if (lengths.every((n) => n === 1)) return atoms.length >= 4 && atoms.length <= 8 ? 'code' : 'none';
  if (total > 8) return 'none';
  if (total === 8 && atoms.length >= 3) return 'none';
  if (total === 8 && lengths[0] !== 4) return 'none'; // `915 04800`, `22 334455`
  if (atoms.length === 2 && lengths.every((n) => n === 3 || n === 4)) return 'code';
  if (atoms.length === 3 && lengths.every((n) => n === 2)) return 'pairs';
  if (lengths[0]! <= 3 && lengths.slice(1).every((n) => n === 3)) return 'none';
  return 'split';
}

/**
 * The code of one atom: 4–8 plain digits, or two groups of 3–4 joined by a hyphen (`482-913`). Atoms with `. , : /`
 * are dates, times, decimals, amounts or account numbers; other hyphenated shapes are dates (`2026-11-27`), ranges
 * (`08-16`, `2025-2026`, `0900-1600`) or phone numbers (`22-33-44-55`).
 */
function atomCode(atom: string): string | null {
  if (innerPunctuation.test(atom)) return null;
  if (!atom.includes('-')) return atom.length >= 4 && atom.length <= 8 ? atom : null;
  const groups = atom.split('-');
  if (groups.length !== 2 || !groups.every((g) => g.length === 3 || g.length === 4)) return null;
  const [first, second] = groups as [string, string];
  if (first.length === 4 && second.length === 4 && (isYearRange(first, second) || isTimeRange(first, second))) return null;
  return first + second;
}

/**
 * Three hyphenated pairs that cannot be a date (`61-44-92`; `12-03-25` is one): read as pairs are, a code only with a
 * keyword near.
 */
function hyphenatedPairs(atom: string): string | null {
  const pairs = /^(\d\d)-(\d\d)-(\d\d)$/.exec(atom);
  if (!pairs) return null;
  const [, day, month, rest] = pairs as unknown as [string, string, string, string];
  const date = Number(day) >= 1 && Number(day) <= 31 && Number(month) >= 1 && Number(month) <= 12;
  return date ? null : day + month + rest;
}

function isYearRange(first: string, second: string): boolean {
  const a = Number(first);
  const b = Number(second);
  return a >= 1900 && a <= 2099 && b > a && b <= 2099;
}

/** `0900-1600`: two clock times on the quarter hour. */
function isTimeRange(first: string, second: string): boolean {
  return [first, second].every((t) => Number(t.slice(0, 2)) <= 24 && ['00', '15', '30', '45'].includes(t.slice(2)));
}
