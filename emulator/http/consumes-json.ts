import type { Context, Next } from 'koa';
import { unsupportedMediaType } from './problems.js';
import { traceIdOf } from './trace-id-of.js';

/** How the body's bytes are to be read, decided from the `Content-Type` charset. */
export type BodyEncoding = 'utf8' | 'utf16le';

// The encodings of ASP.NET's SystemTextJsonInputFormatter (UTF-8 and UTF-16LE), under the names .NET's
// `Encoding.GetEncoding` knows them by.
const charsets: Record<string, BodyEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'unicode-1-1-utf-8': 'utf8',
  'unicode-2-0-utf-8': 'utf8',
  'x-unicode-1-1-utf-8': 'utf8',
  'x-unicode-2-0-utf-8': 'utf8',
  'utf-16': 'utf16le',
  'utf-16le': 'utf16le',
  unicode: 'utf16le',
  'ucs-2': 'utf16le',
  'iso-10646-ucs-2': 'utf16le',
  csunicode: 'utf16le',
};

/**
 * `[Consumes("application/json")]` and the input formatter's charset selection: another media type, or a charset
 * the formatter cannot read, is a 415 before the body is read (contract §4.7). Sets `ctx.state.bodyEncoding`.
 */
export function consumesJson(ctx: Context, next: Next): Promise<void> {
  const [mediaType, ...parameters] = ctx.get('content-type').split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') throw unsupportedMediaType(traceIdOf(ctx));
  let encoding: BodyEncoding = 'utf8';
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (!Object.hasOwn(charsets, charset)) throw unsupportedMediaType(traceIdOf(ctx));
    encoding = charsets[charset];
  }
  ctx.state.bodyEncoding = encoding;
  return next();
}
