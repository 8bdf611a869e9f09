import type { MessageAnalysis, MessageContent } from './analyse-message.js';
import { emailContentTypeWarning } from './email-content-type-warning.js';
import { extractLinks } from './extract-links.js';
import { extractOtp, type OtpResult } from './extract-otp.js';
import { htmlToText } from './html-to-text.js';
import { looksLikeHtml } from './looks-like-html.js';

/** Code and links of one email, and for API mail the content-type warning. */
export function analyseEmail(content: MessageContent): MessageAnalysis {
  const warning = content.contentType === null ? null : emailContentTypeWarning(content.contentType, content.body);
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

function withSubject(subject: string | null, text: string): string {
  return subject?.trim() ? `${subject.trim()}\n\n${text}` : text;
}
