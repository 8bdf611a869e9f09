import { describe, expect, it } from 'vitest';
import { isValidEmailAddress } from '../../../emulator/notifications/validate/is-valid-email-address.js';

describe('isValidEmailAddress', () => {
  it.each([
    ['a;b@example.com', 'a ";" in the local part, which the "&amp;" artefact allows'],
    ['&quot;x@y&quot;@example.com', 'a local part quoted with the literal text "&quot;"'],
    ['user@123.45.67.89', 'a dotted quad'],
    ['user@999.999.999.999', 'a dotted quad without range check'],
    ['user@example.abcdefghijklmn', 'a 14-letter top-level domain'],
    ['user@a.b.c.d.e.f.g.h.i.com', 'nine labels before the top-level domain'],
    ['  user@example.com  ', 'surrounding spaces, trimmed before matching'],
    ['\tsender@altinn.no\t', 'surrounding tabs, trimmed before matching'],
    ['\u0085user@example.com', 'U+0085, which .NET counts as white space'],
  ])('accepts %j: %s (contract §3.3)', (email) => {
    expect(isValidEmailAddress(email)).toBe(true);
  });

  it.each([
    ['"john doe"@example.com', 'real double quotes'],
    ['user@localhost', 'a domain without a dot'],
    ['user@example.c', 'a one-letter top-level domain'],
    ['user@ex_ample.com', 'an underscore in the domain'],
    ['user@exämple.com', 'a non-Norwegian letter in the domain'],
    ['tést@example.com', 'a non-Norwegian letter in the local part'],
    ['user@-example.com', 'a label starting with "-"'],
    ['user@example.abcdefghijklmno', 'a 15-letter top-level domain'],
    ['user@a.b.c.d.e.f.g.h.i.j.com', 'ten labels before the top-level domain'],
    ['one@example.com;two@example.com', 'a list of addresses'],
    ['   ', 'only white space'],
    ['\uFEFFuser@example.com', 'U+FEFF, which .NET does not trim'],
  ])('rejects %j: %s (contract §3.3)', (email) => {
    expect(isValidEmailAddress(email)).toBe(false);
  });
});
