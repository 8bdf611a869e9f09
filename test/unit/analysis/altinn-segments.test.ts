import { describe, expect, it } from 'vitest';
import { altinnSegments } from '../../../emulator/analysis/altinn-segments.js';
import { dotnetUrlEncodedLength } from '../../../emulator/analysis/dotnet-url-encoded-length.js';

describe("altinnSegments (contract §6: Altinn's own figure)", () => {
  it.each([
    [160, 1],
    [161, 2],
    [268, 2],
    [269, 3],
  ])('gives %i URL-encoded characters %i segment(s)', (length, segments) => {
    expect(altinnSegments('a'.repeat(length))).toBe(segments);
  });

  it('caps the figure at 16', () => {
    expect(altinnSegments('a'.repeat(16 * 134))).toBe(16);
    expect(altinnSegments('a'.repeat(16 * 134 + 1))).toBe(16);
    expect(altinnSegments('a'.repeat(10_000))).toBe(16);
  });

  it('measures the URL-encoded length, not the characters: 27 × "æ" is 162 encoded characters', () => {
    expect(altinnSegments('æ'.repeat(26))).toBe(1);
    expect(altinnSegments('æ'.repeat(27))).toBe(2);
  });

  it('counts a space as one character ("+"), as HttpUtility.UrlEncode writes it', () => {
    expect(altinnSegments(' '.repeat(160))).toBe(1);
  });
});

describe('dotnetUrlEncodedLength (System.Web.HttpUtility.UrlEncode)', () => {
  it.each([
    ['AZaz09', 6, 'letters and digits as they are'],
    ['-_.!*()', 7, 'the "safe" punctuation as it is'],
    [' ', 1, 'a space as "+"'],
    ["~'", 6, '"~" and "\'" encoded, unlike encodeURIComponent'],
    ['+,:/?&=#%"', 30, 'other ASCII punctuation as %xx'],
    ['\n', 3, 'a line feed as %0a'],
    ['æøå', 18, 'two UTF-8 bytes each'],
    ['€’', 18, 'three UTF-8 bytes each'],
    ['😀', 12, 'four UTF-8 bytes for a surrogate pair'],
    ['\ud800', 9, 'a lone surrogate as U+FFFD'],
    ['\udc00x', 10, 'a lone low surrogate as U+FFFD'],
  ])('%j is %i characters: %s', (s, length) => {
    expect(dotnetUrlEncodedLength(s)).toBe(length);
  });
});
