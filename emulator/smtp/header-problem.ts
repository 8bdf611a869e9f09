/**
 * Why a mail's header section is not one (RFC 5322 §2.2, §3.6), or null when it is. mailparser accepts anything and
 * files text without a colon under a header named `""`, so a mail that is plain text or binary garbage would be
 * stored as an empty message; this check lets the ingress store it as received, with a warning, instead.
 * A mail of headers alone (no blank line, no body) is valid: RFC 5322 makes the body optional.
 */
export function headerProblem(raw: Buffer): string | null {
  if (raw.length === 0) return 'the mail is empty';
  let start = 0;
  let line = 0;
  while (start < raw.length) {
    const lf = raw.indexOf(0x0a, start);
    const end = lf < 0 ? raw.length : lf;
    const stop = end > start && raw[end - 1] === 0x0d ? end - 1 : end;
    if (stop === start) return null; // the blank line: the headers are over (none at all is odd, but parses)
    const problem = headerLineProblem(raw, start, stop, line === 0);
    if (problem) return `header line ${line + 1} ${problem}`;
    line++;
    start = end + 1;
  }
  return null;
}

function headerLineProblem(raw: Buffer, start: number, stop: number, first: boolean): string | null {
  for (let i = start; i < stop; i++) if (raw[i] === 0 || raw[i] === 0x0d) return 'holds a control character (NUL or a bare CR)';
  const c = raw[start];
  if (c === 0x20 || c === 0x09) return first ? 'is a continuation with nothing to continue' : null;
  // field-name = 1*ftext (printable ASCII but the colon); obsolete syntax allows white space before the colon.
  let i = start;
  while (i < stop && raw[i] >= 0x21 && raw[i] <= 0x7e && raw[i] !== 0x3a) i++;
  if (i === start) return 'does not start with a header name';
  while (i < stop && (raw[i] === 0x20 || raw[i] === 0x09)) i++;
  return i < stop && raw[i] === 0x3a ? null : 'has no colon after its header name';
}
