import type { Context } from 'koa';
import type { Clock } from '../clock.js';
import type { Scheduler } from '../delivery/scheduler.js';
import { controlProblem } from '../http/problems.js';
import { writeJson } from '../http/write-json.js';
import type { Store } from '../store/store.js';
import { parseDuration } from './parse-duration.js';
import { readJsonBody } from './read-json-body.js';

export interface ClockRouteDeps {
  clock: Clock;
  scheduler: Scheduler;
  store: Store;
}

const actions = ['advance', 'set', 'freeze', 'reset'] as const;

/**
 * `POST /_emulator/clock` (product §4): one of `{advance}`, `{set}`, `{freeze}`, `{reset: true}`. Answers with the
 * clock once every transition that fell due has been applied and written, so a test reads the outcome right after.
 */
export function clockRoute(deps: ClockRouteDeps) {
  const { clock } = deps;
  return async function postClock(ctx: Context): Promise<void> {
    const body = await readJsonBody(ctx);
    const change = parseClockChange(body, clock.now());
    try {
      if (change.kind === 'advance') clock.advance(change.ms);
      else if (change.kind === 'set') clock.set(change.at);
      else if (change.kind === 'freeze') clock.freeze(change.frozen);
      else clock.reset();
    } catch (error) {
      // The clock refuses a time a Date cannot hold (beyond the year 275760), changing nothing.
      if (error instanceof RangeError) throw controlProblem(400, 'Invalid clock change', `${error.message}.`);
      throw error;
    }
    await deps.scheduler.runDue();
    await deps.store.settled();
    writeJson(ctx, 200, clock.view());
  };
}

type ClockChange = { kind: 'advance'; ms: number } | { kind: 'set'; at: Date } | { kind: 'freeze'; frozen: boolean } | { kind: 'reset' };

function parseClockChange(body: unknown, now: Date): ClockChange {
  const bad = (detail: string) => controlProblem(400, 'Invalid clock change', detail);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('The body must be a JSON object such as {"advance": "5m"}.');
  const keys = Object.keys(body);
  const unknown = keys.filter((key) => !(actions as readonly string[]).includes(key));
  if (unknown.length) throw bad(`Unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; use one of "advance", "set", "freeze", "reset".`);
  if (keys.length !== 1) throw bad('Give exactly one of "advance", "set", "freeze", "reset".');
  const value = (body as Record<string, unknown>)[keys[0]];
  switch (keys[0] as (typeof actions)[number]) {
    case 'advance': {
      const ms = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : null;
      if (ms === null) throw bad(`"advance" must be a duration such as "90s", "5m", "2h" or a number of milliseconds; got ${JSON.stringify(value)}.`);
      return { kind: 'advance', ms };
    }
    case 'set': {
      const at = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
      if (at === null || Number.isNaN(at.getTime())) throw bad(`"set" must be an ISO 8601 date-time such as "2026-01-31T12:00:00Z"; got ${JSON.stringify(value)}.`);
      // Statuses already recorded would lie in the future of the new time; `{"reset": true}` is the way back.
      if (at.getTime() < now.getTime()) throw bad(`The emulator clock does not go back: "set" ${at.toISOString()} is before now (${now.toISOString()}). Use {"reset": true} to return to real time.`);
      return { kind: 'set', at };
    }
    case 'freeze':
      if (typeof value !== 'boolean') throw bad(`"freeze" must be true or false; got ${JSON.stringify(value)}.`);
      return { kind: 'freeze', frozen: value };
    case 'reset':
      if (value !== true) throw bad(`"reset" must be true; got ${JSON.stringify(value)}.`);
      return { kind: 'reset' };
  }
}
