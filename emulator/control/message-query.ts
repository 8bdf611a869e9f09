import type { MessageFilter } from '../store/message-filter.js';
import { controlProblem } from '../http/problems.js';

export const defaultLimit = 50;
export const maxLimit = 500;

/** A parsed query string as Koa gives it (`ctx.query`). */
export type Query = Record<string, string | string[] | undefined>;

/** Reads the shared message filters of the control API (product §4) from a query string; bad values are 400s. */
export function parseMessageFilter(query: Query): MessageFilter {
  const filter: MessageFilter = {};
  const channel = single(query, 'channel');
  if (channel !== undefined) {
    if (channel !== 'sms' && channel !== 'email') throw bad('channel', channel, 'sms or email');
    filter.channel = channel;
  }
  const to = single(query, 'to');
  if (to !== undefined && to.trim() !== '') filter.to = to;
  const after = integer(query, 'after');
  if (after !== undefined) filter.after = after;
  const before = integer(query, 'before');
  if (before !== undefined) filter.before = before;
  const q = single(query, 'q');
  if (q !== undefined && q !== '') filter.q = q;
  const status = single(query, 'status');
  if (status !== undefined && status !== '') filter.status = status;
  return filter;
}

export function parseLimit(query: Query): number {
  const limit = integer(query, 'limit') ?? defaultLimit;
  if (limit < 1 || limit > maxLimit) throw bad('limit', String(limit), `an integer from 1 to ${maxLimit}`);
  return limit;
}

/** The value of a query parameter; the last one when it is repeated. */
export function single(query: Query, name: string): string | undefined {
  const v = query[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function integer(query: Query, name: string): number | undefined {
  const v = single(query, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw bad(name, v, 'a non-negative integer');
  return Number(v);
}

/** The control API's 400 for a query parameter with a bad value. */
export function bad(name: string, value: string, expected: string) {
  return controlProblem(400, 'Invalid query parameter', `"${name}" must be ${expected}; got "${value}".`);
}
