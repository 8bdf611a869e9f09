import type { MessageAnalysis, MessageContent } from './analyse-message.js';
import { emailContentTypeWarning } from './email-content-type-warning.js';
import { extractLinks } from './extract-links.js';
import { extractOtp, type OtpResult } from './extract-otp.js';
import { htmlToText } from './html-to-text.js';
import { looksLikeHtml } from './looks-like-html.js';

/**
 * Links and HTML are read from the first 256 KiB of each part: enough for any real mail, and a bound on the cost of a
 * hostile one (Altinn takes bodies of any length, contract §2.2).
 */
const analysedChars = 256 * 1024;

/** Code and links of one email, and for API mail the content-type warning. */
export function analyseEmail(full: MessageContent): MessageAnalysis {
  const warning = full.contentType === null ? null : emailContentTypeWarning(full.contentType, full.body);
  const content = { ...full, body: head(full.body), text: head(full.text), html: head(full.html) };
  const onlyBody = content.text === null && content.html === null;
  return {
    otp: emailOtp(content),
    links: extractLinks(onlyBody ? content.body : content.text, content.html),
    segments: null,
    encoding: null,
    altinnSegments: null,
    warnings: warning ? [warning] : [],
  };
}

/**
 * The code is read from the subject and the text part ("Your code is 482913" is a common subject), or from the HTML
 * when there is no text part, or when the text part has no code (some mailers send a stub such as "view this mail in
 * a browser"). A text part that is really HTML (a Plain API mail with markup) is read as HTML.
 */
function emailOtp(content: MessageContent): OtpResult | null {
  const { subject, text, html } = content;
  const source = text ?? html ?? content.body;
  const first = extractOtp(withSubject(subject, looksLikeHtml(source) ? htmlToText(source) : source));
  if (first || text === null || html === null) return first;
  return extractOtp(withSubject(subject, htmlToText(html)));
}

function head<T extends string | null>(text: T): T {
  return (text !== null && text.length > analysedChars ? text.slice(0, analysedChars) : text) as T;
}

function withSubject(subject: string | null, text: string): string {
  return subject?.trim() ? `${subject.trim()}\n\n${text}` : text;
}
