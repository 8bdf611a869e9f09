import type { Context } from 'koa';

/** Product §10, exactly: no script, no fetch, no form, a unique origin; inline styles and inline images only. */
const sandboxCsp = "sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

/** Answers with an email's HTML for the UI's iframe: the document is inert whatever it contains. */
export function writeSandboxedHtml(ctx: Context, html: string): void {
  ctx.status = 200;
  ctx.set('Content-Security-Policy', sandboxCsp);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = html;
}
