/**
 * The origin-bound one-time code format (WICG "sms-one-time-codes", used by WebOTP and by iOS/Android autofill): the
 * last line is `@host #code`, optionally followed by ` @iframe-host`.
 */
const webOtpLine = /^@[A-Za-z0-9.-]+(?::\d{1,5})?[ \t]+#([^\s#@]+)(?:[ \t]+@[A-Za-z0-9.-]+(?::\d{1,5})?)?[ \t]*$/;

/** The code of a WebOTP last line and the text before that line, or null when the last line is not of that form. */
export function readWebOtp(text: string): { code: string; rest: string } | null {
  const trimmed = text.trimEnd();
  const lineStart = Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r')) + 1;
  const match = webOtpLine.exec(trimmed.slice(lineStart).trimStart());
  if (!match) return null;
  return { code: match[1]!, rest: trimmed.slice(0, lineStart) };
}
