import type { Context } from 'koa';

/**
 * Writes a JSON body the way the emulated service does: indented, and for Altinn's own bodies with null
 * properties omitted (`Program.cs` JSON options, contract §4).
 */
export function writeJson(ctx: Context, status: number, body: unknown, options: { omitNulls?: boolean } = {}): void {
  ctx.status = status;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = JSON.stringify(body, options.omitNulls ? omitNull : undefined, 2);
}

function omitNull(this: unknown, _key: string, value: unknown): unknown {
  return value === null && !Array.isArray(this) ? undefined : value;
}

/**
 * Sets a status with an empty body and no content type, as ASP.NET sends for 401/403/404/405. (Koa would write the
 * reason phrase for an unset body, and turns a `null` body into a 204.)
 */
export function writeEmpty(ctx: Context, status: number): void {
  ctx.status = status;
  ctx.body = '';
  ctx.remove('Content-Type');
}
