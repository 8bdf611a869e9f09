import { describe, expect, it } from 'vitest';
import { headerProblem } from '../../../emulator/smtp/header-problem.js';

const check = (text: string) => headerProblem(Buffer.from(text, 'latin1'));

describe('telling a header section from something else', () => {
  it('accepts headers with folding, obsolete space before the colon, 8bit values and headers without a body', () => {
    expect(check('Subject: a\r\n  folded\r\nX-Odd : yes\r\nTo: Pål <p@example.no>\r\n\r\nbody')).toBeNull();
    expect(check('Subject: only headers\r\nFrom: a@example.com\r\n')).toBeNull();
    expect(check('Subject: bare lf\nFrom: a@example.com\n\nbody\n')).toBeNull();
  });

  it('accepts a mail that starts with the blank line (no headers, a body only)', () => {
    expect(check('\r\njust a body')).toBeNull();
  });

  it('names the first line that is not a header', () => {
    expect(check('Subject: x\r\nnot a header\r\n\r\nbody')).toBe('header line 2 has no colon after its header name');
    expect(check(' continued\r\nSubject: x\r\n')).toBe('header line 1 is a continuation with nothing to continue');
    expect(check(': no name\r\n')).toBe('header line 1 does not start with a header name');
    expect(check('Subject: x\x00y\r\n')).toBe('header line 1 holds a control character (NUL or a bare CR)');
    expect(check('')).toBe('the mail is empty');
  });

  it('looks only at the header section: a body line without a colon is fine', () => {
    expect(check('Subject: x\r\n\r\nno colon here\r\n\x00binary\r\n')).toBeNull();
  });
});
