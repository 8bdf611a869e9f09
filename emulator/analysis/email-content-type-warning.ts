import type { Warning } from '../store/message.js';
import { hasAnyTag, looksLikeHtml } from './looks-like-html.js';

/**
 * Product §1.3: an API email whose declared `contentType` does not fit its body. Altinn sends it as declared (contract
 * §2.2 has no check), so a Plain mail shows its tags as text and an Html mail loses its line breaks.
 */
export function emailContentTypeWarning(contentType: 'Plain' | 'Html', body: string): Warning | null {
  if (contentType === 'Plain' && looksLikeHtml(body)) {
    return {
      code: 'email-content-type-mismatch',
      message:
        'contentType is Plain but the body is HTML: the recipient will see the tags as text. Send it with ' +
        'contentType Html.',
    };
  }
  if (contentType === 'Html' && !hasAnyTag(body)) {
    return {
      code: 'email-content-type-mismatch',
      message:
        'contentType is Html but the body has no HTML tags: mail programs will run its lines together. Send it ' +
        'with contentType Plain, or mark it up.',
    };
  }
  return null;
}
