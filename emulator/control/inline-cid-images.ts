import type { Attachment } from '../store/message.js';

// A `cid:` URL where a URL can start: in a quoted or unquoted attribute value, or in CSS `url(...)`.
const cidReference = /(["'=]|\(\s*)cid:([^"'\s)>]+)/gi;
// Anything else could break out of the attribute the data URI lands in.
const safeMediaType = /^[\w.+-]+\/[\w.+-]+$/;

/**
 * Rewrites `cid:` references to the message's inline attachments as `data:` URIs, so that inline images show in
 * the sandboxed iframe, which cannot fetch anything. Nothing else in the HTML is touched.
 */
export function inlineCidImages(html: string, attachments: Attachment[]): string {
  const byContentId = new Map<string, Attachment>();
  for (const a of attachments) if (a.contentId && a.content !== null) byContentId.set(contentIdKey(a.contentId), a);
  if (byContentId.size === 0) return html;
  return html.replace(cidReference, (whole, lead: string, ref: string) => {
    const attachment = byContentId.get(contentIdKey(decodeUrl(ref)));
    if (!attachment) return whole;
    const type = safeMediaType.test(attachment.contentType) ? attachment.contentType : 'application/octet-stream';
    return `${lead}data:${type};base64,${attachment.content}`;
  });
}

// `Content-ID: <a@b>` is referred to as `cid:a@b` (RFC 2392), URL-encoded; mail clients compare without case.
function contentIdKey(id: string): string {
  return id.trim().replace(/^<|>$/g, '').toLowerCase();
}

function decodeUrl(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
