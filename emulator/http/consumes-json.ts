import type { Context, Next } from 'koa';
import { unsupportedMediaType } from './problems.js';

/**
 * `[Consumes("application/json")]`: a missing or other content type is a 415 before the body is read
 * (contract §4.7). Parameters such as `charset` are allowed.
 */
export async function consumesJson(ctx: Context, next: Next): Promise<void> {
  const mediaType = ctx.get('content-type').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') throw unsupportedMediaType(ctx.state.traceId as string);
  await next();
}
