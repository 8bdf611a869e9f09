import { describe, expect, it } from 'vitest';
import { inlineCidImages } from '../../../emulator/control/inline-cid-images.js';
import type { Attachment } from '../../../emulator/store/message.js';

const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

function attachment(contentId: string | null, overrides: Partial<Attachment> = {}): Attachment {
  return { filename: 'logo.png', contentType: 'image/png', size: 8, contentId, content: png, ...overrides };
}

describe('inlineCidImages', () => {
  it('rewrites a cid: image source to a data: URI of the attachment with that Content-ID', () => {
    const html = '<p>Hi</p><img src="cid:logo@example" alt="logo">';
    expect(inlineCidImages(html, [attachment('<logo@example>')])).toBe(`<p>Hi</p><img src="data:image/png;base64,${png}" alt="logo">`);
  });

  it('matches single-quoted, unquoted and CSS url() references, URL-encoded and in any case', () => {
    const html = `<img src='cid:A%40b'><img src=cid:a@B><div style="background:url(cid:a@b)">`;
    const data = `data:image/png;base64,${png}`;
    expect(inlineCidImages(html, [attachment('a@b')])).toBe(`<img src='${data}'><img src=${data}><div style="background:url(${data})">`);
  });

  it('leaves references to unknown Content-IDs, attachments without content, and prose alone', () => {
    const html = '<img src="cid:missing"><img src="cid:dropped"><p>write cid:logo in text</p>';
    const out = inlineCidImages(html, [attachment('<dropped>', { content: null }), attachment('<logo>')]);
    expect(out).toBe(html);
  });

  it('does not let an attachment content type break out of the attribute', () => {
    const html = '<img src="cid:x">';
    const out = inlineCidImages(html, [attachment('<x>', { contentType: 'image/png" onerror="alert(1)' })]);
    expect(out).toBe(`<img src="data:application/octet-stream;base64,${png}">`);
  });

  it('returns the HTML unchanged when the message has no attachments', () => {
    const html = '<script>alert(1)</script><img src="cid:a" onerror="alert(2)">';
    expect(inlineCidImages(html, [])).toBe(html);
  });
});
