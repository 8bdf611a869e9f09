import { describe, expect, it } from 'vitest';
import { rfc5322Date } from '../../../emulator/control/rfc5322-date.js';

describe('rfc5322Date', () => {
  it('writes a UTC date with a numeric zone, day and month names in English', () => {
    expect(rfc5322Date(new Date('2026-01-01T00:00:00.000Z'))).toBe('Thu, 01 Jan 2026 00:00:00 +0000');
    expect(rfc5322Date(new Date('2025-12-31T23:59:59.999Z'))).toBe('Wed, 31 Dec 2025 23:59:59 +0000');
  });

  it('reads back as the same instant (to the second)', () => {
    const at = new Date('2026-07-15T13:04:05.000Z');
    expect(new Date(rfc5322Date(at)).getTime()).toBe(at.getTime());
  });
});
