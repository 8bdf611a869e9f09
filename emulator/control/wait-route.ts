import type { Context } from 'koa';
import { HttpError } from '../http/http-error.js';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { Store } from '../store/store.js';
import { bad, parseMessageFilter, single, type Query } from './message-query.js';
import { parseDuration } from './parse-duration.js';
import type { MessageWaiter, WaitQuery } from './create-message-waiter.js';

export const defaultWaitTimeoutMs = 10_000;
export const maxWaitTimeoutMs = 120_000;
/** Everything the wait reads; anything else is refused rather than silently ignored (`q` would match anything). */
const waitParameters = ['after', 'channel', 'to', 'contains', 'otp', 'timeout'];
/** Filters of the list that a waiter might expect to work here too. */
const listOnlyParameters = new Set(['q', 'status', 'before', 'limit']);

/**
 * `GET /_emulator/messages/wait` (product §4): 200 with the first message after the cursor that matches, at once
 * or when it arrives; 404 with `nearMisses` when `timeout` passes first. A client that hangs up releases its wait.
 */
export function waitRoute(deps: { store: Pick<Store, 'announcedCursor'>; waiter: MessageWaiter }) {
  return async function waitForMessage(ctx: Context): Promise<void> {
    const query = parseWaitQuery(ctx.query, deps.store.announcedCursor);
    const timeoutMs = parseTimeout(ctx.query);
    // `res` (not `req`) closes when the connection goes, even after the request itself was read to its end.
    const hangUp = new AbortController();
    const onClose = () => hangUp.abort();
    ctx.res.once('close', onClose);
    if (ctx.req.socket.destroyed) hangUp.abort(); // gone before we listened
    try {
      const outcome = await deps.waiter.wait(query, { timeoutMs, signal: hangUp.signal });
      if (outcome.matched) return writeJson(ctx, 200, outcome.message);
      const { nearMisses, nearMissesOmitted, cursor } = outcome;
      const filters = describe(query);
      const others = nearMisses.length + nearMissesOmitted;
      const detail = `No message${filters ? ` with ${filters}` : ''} arrived after cursor ${query.after} within ${timeoutMs} ms; ${others} other message(s) did.`;
      const problem = controlProblem(404, 'No matching message', detail);
      throw new HttpError(404, { ...problem.body, after: query.after, cursor, nearMisses, nearMissesOmitted });
    } catch (err) {
      // Nobody is left to answer; Koa writes nothing to a closed response.
      if (hangUp.signal.aborted) return;
      throw err;
    } finally {
      ctx.res.off('close', onClose);
    }
  };
}

/**
 * `after` defaults to the last announced message when the request arrives: without it, a wait only sees messages
 * announced after it was asked (what a test that has just triggered a send usually needs is an explicit `after`).
 */
function parseWaitQuery(query: Query, announcedCursor: number): WaitQuery {
  for (const name of Object.keys(query)) {
    if (waitParameters.includes(name)) continue;
    const where = listOnlyParameters.has(name) ? ' (it filters the list, GET /_emulator/messages)' : '';
    const takes = `${waitParameters.slice(0, -1).join(', ')} and ${waitParameters.at(-1)}`;
    throw controlProblem(400, 'Invalid query parameter', `The wait does not take "${name}"${where}; it takes ${takes}.`);
  }
  // The shared parser words the 400s for `channel`, `to` and `after` exactly as the list does.
  const { channel, to, after } = parseMessageFilter(query);
  const out: WaitQuery = { after: after ?? announcedCursor };
  if (channel !== undefined) out.channel = channel;
  if (to !== undefined) out.to = to;
  const contains = single(query, 'contains');
  if (contains !== undefined && contains !== '') out.contains = contains;
  const otp = single(query, 'otp');
  if (otp !== undefined && otp !== '') {
    if (otp !== 'true' && otp !== 'false') throw bad('otp', otp, 'true or false');
    if (otp === 'true') out.otp = true;
  }
  return out;
}

export function parseTimeout(query: Query): number {
  const raw = single(query, 'timeout');
  if (raw === undefined || raw === '') return defaultWaitTimeoutMs;
  const ms = parseDuration(raw);
  if (ms === null || ms > maxWaitTimeoutMs) {
    throw bad('timeout', raw, `a duration of at most ${maxWaitTimeoutMs / 1000}s (milliseconds, or with a unit: "500ms", "10s", "2m")`);
  }
  return ms;
}

function describe(q: WaitQuery): string {
  const parts = [
    q.channel && `channel=${q.channel}`,
    q.to && `to=${q.to}`,
    q.contains !== undefined && `contains=${JSON.stringify(q.contains)}`,
    q.otp && 'otp=true',
  ].filter(Boolean);
  return parts.join(', ');
}
