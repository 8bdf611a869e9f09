import { isWhiteSpace } from './white-space.js';

/**
 * The origin-bound one-time code format (WICG "sms-one-time-codes", used by WebOTP and by iOS/Android autofill): the
 * last line is `@host #code`, optionally followed by ` @iframe-host`. Tried (sticky, its lastIndex set right before
 * use) where the last line starts, past its white space; only white space may follow it to the end of the text.
 */
const webOtpLine = /@[A-Za-z0-9.-]+(?::\d{1,5})?[ \t]+#([^\s#@]+)(?:[ \t]+@[A-Za-z0-9.-]+(?::\d{1,5})?)?[ \t]*(?=\s*$)/y;

/** The code of a WebOTP last line and the text before that line, or null when the last line is not of that form. */
export function readWebOtp(text: string): { code: string; rest: string } | null {
  if (!text.includes('@')) return null;
  let end = text.length;
  while (end > 0 && isWhiteSpace(text.charCodeAt(end - 1))) end--; // the text without trailing white space
  let lineStart = end;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 0x0a && text.charCodeAt(lineStart - 1) !== 0x0d) lineStart--;
  let at = lineStart;
  while (at < end && isWhiteSpace(text.charCodeAt(at))) at++; // the line without leading white space
  if (at === end || text.charCodeAt(at) !== 0x40) return null;
  webOtpLine.lastIndex = at;
  const match = webOtpLine.exec(text);
  if (!match) return null;
  return { code: match[1]!, rest: text.slice(0, lineStart) };
}
