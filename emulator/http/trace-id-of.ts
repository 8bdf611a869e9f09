import type { Context } from 'koa';
import { createTraceId } from './trace-id.js';

/**
 * The request's trace id, made the first time something asks for it (only error bodies carry one, contract §4.4), then
 * kept in `ctx.state.traceId`: a successful order never pays for the two uuids and the string work behind it.
 */
export function traceIdOf(ctx: Context): string {
  const state = ctx.state as { traceId?: string };
  state.traceId ??= createTraceId(ctx.get('traceparent') || undefined);
  return state.traceId;
}
