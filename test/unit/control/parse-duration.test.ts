import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../emulator/control/parse-duration.js';

describe('parseDuration', () => {
  it('reads a bare number, as a string or a number, as milliseconds', () => {
    expect(parseDuration('500')).toBe(500);
    expect(parseDuration(500)).toBe(500);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration(' 1500 ')).toBe(1500);
  });

  it('reads ms, s, m, h and d units, fractions included', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('10S')).toBe(10_000);
    expect(parseDuration('0.0004s')).toBe(0);
  });

  it('refuses negative, empty, unknown-unit and non-finite input with null', () => {
    for (const bad of ['', ' ', '-1', '-5s', '5x', '5 minutes', 's', '1e3', 'NaN', 'Infinity', '1,5s', '5m3s', '0x10']) {
      expect(parseDuration(bad), bad).toBeNull();
    }
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(Number.NaN)).toBeNull();
    expect(parseDuration(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseDuration(`${Number.MAX_SAFE_INTEGER}d`)).toBeNull();
  });
});
