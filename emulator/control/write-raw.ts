import type { Context } from 'koa';
import type { Message } from '../store/message.js';
import { renderRaw } from './render-raw.js';

/**
 * Shown as text by default, so that a browser tab or `curl` shows the source as it is; `?download=1` saves it as
 * a file (`.eml` for email, which mail programs open). `nosniff` keeps a browser from reading HTML in a mail as a page.
 */
export function writeRaw(ctx: Context, message: Message): void {
  const raw = renderRaw(message);
  const download = ctx.query.download === '1' || ctx.query.download === 'true';
  ctx.status = 200;
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
  ctx.set('Cache-Control', 'no-store');
  if (download) {
    const name = `${message.id.replace(/[^\w.-]/g, '_')}.${raw.fileExtension}`;
    ctx.set('Content-Disposition', `attachment; filename="${name}"`);
  }
  ctx.type = download ? raw.downloadType : 'text/plain; charset=utf-8';
  ctx.body = raw.body;
}
