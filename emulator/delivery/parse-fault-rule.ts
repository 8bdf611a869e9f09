import type { Channel } from '../store/message.js';
import { parseDuration } from '../control/parse-duration.js';
import { recipientKey } from '../store/recipient-key.js';
import { channelOfFailureStatus, type FaultEffect, type FaultMatch, type FaultRuleInput } from './fault-rule.js';

export const maxLatencyMs = 600_000;

const topKeys = ['match', 'effect', 'times'];
const matchKeys = ['channel', 'to', 'idempotencyId'];
const effectKeys: Record<FaultEffect['type'], string[]> = {
  'gateway-unavailable': ['type'],
  latency: ['type', 'ms'],
  'final-status': ['type', 'status'],
  'never-deliver': ['type'],
};
const statusHint = `one of Altinn's failure statuses for sms or email (e.g. SMS_Failed_Rejected)`;

/**
 * Reads the body of POST /_emulator/faults (product §4). The value is expected to come from JSON.parse, so
 * `__proto__` is an ordinary own key here: keys are read with Object.hasOwn and the result is built afresh, so
 * nothing from the body reaches a prototype. Each refusal is one sentence for the problem's `detail`.
 */
export function parseFaultRule(body: unknown): { ok: true; rule: FaultRuleInput } | { ok: false; detail: string } {
  try {
    return { ok: true, rule: readRule(body) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, detail: error.message };
    throw error;
  }
}

class Refusal extends Error {}

function readRule(body: unknown): FaultRuleInput {
  if (!isPlainObject(body)) {
    throw new Refusal(`The fault rule must be a JSON object with "effect" and optionally "match" and "times"; got ${show(body)}.`);
  }
  refuseUnknownKeys(body, topKeys, 'the fault rule');
  const effect = readEffect(own(body, 'effect'));
  const match = readMatch(own(body, 'match'));
  const times = readTimes(own(body, 'times'));
  if (effect.type === 'final-status') {
    // The status names its channel (contract §7.3), so an SMS status can never end an email, and the reverse.
    const channel = channelOfFailureStatus(effect.status) as Channel;
    if (match.channel !== undefined && match.channel !== channel) {
      throw new Refusal(
        `"match.channel" is "${match.channel}", but "${effect.status}" is an ${channel} status; leave "match.channel" out or make it "${channel}".`,
      );
    }
    return { match: { channel, ...withoutChannel(match) }, effect, times };
  }
  return { match, effect, times };
}

function readEffect(value: unknown): FaultEffect {
  if (value === undefined || value === null) {
    throw new Refusal(
      `"effect" is required: "gateway-unavailable", "never-deliver", or an object such as {"type": "final-status", "status": "SMS_Failed_Rejected"}.`,
    );
  }
  if (typeof value === 'string') {
    if (value === 'gateway-unavailable' || value === 'never-deliver') return { type: value };
    if (value === 'latency') throw new Refusal(`"effect" "latency" needs a duration: send {"type": "latency", "ms": 2000} or {"type": "latency", "ms": "2s"}.`);
    if (value === 'final-status') throw new Refusal(`"effect" "final-status" needs a status: send {"type": "final-status", "status": "SMS_Failed_Rejected"}.`);
    throw new Refusal(`"effect" must be "gateway-unavailable", "never-deliver", or an object such as {"type": "latency", "ms": 2000}; got ${show(value)}.`);
  }
  if (!isPlainObject(value)) throw new Refusal(`"effect" must be a string or an object with "type"; got ${show(value)}.`);

  const type = own(value, 'type');
  if (type === undefined || type === null) {
    throw new Refusal(`"effect.type" is required: one of "gateway-unavailable", "latency", "final-status" or "never-deliver".`);
  }
  if (typeof type !== 'string' || !Object.hasOwn(effectKeys, type)) {
    throw new Refusal(`"effect.type" must be one of "gateway-unavailable", "latency", "final-status" or "never-deliver"; got ${show(type)}.`);
  }
  const effectType = type as FaultEffect['type'];
  refuseUnknownKeys(value, effectKeys[effectType], `"effect" of type "${effectType}"`);

  if (effectType === 'latency') return { type: 'latency', ms: readLatency(own(value, 'ms')) };
  if (effectType === 'final-status') {
    const status = own(value, 'status');
    if (status === undefined || status === null) throw new Refusal(`"effect.status" is required for a final-status effect: ${statusHint}.`);
    if (typeof status !== 'string' || channelOfFailureStatus(status) === null) {
      throw new Refusal(`"effect.status" must be ${statusHint}; got ${show(status)}.`);
    }
    return { type: 'final-status', status: status as Extract<FaultEffect, { type: 'final-status' }>['status'] };
  }
  return { type: effectType };
}

function readLatency(value: unknown): number {
  if (value === undefined || value === null) {
    throw new Refusal(`"effect.ms" is required for a latency effect: milliseconds as a number, or a duration such as "2s".`);
  }
  const ms = typeof value === 'number' || typeof value === 'string' ? parseDuration(value) : null;
  if (ms === null || ms <= 0 || ms > maxLatencyMs) {
    throw new Refusal(`"effect.ms" must be a duration above 0 and at most 10 minutes (milliseconds as a number, or a string such as "2s"); got ${show(value)}.`);
  }
  return ms;
}

function readMatch(value: unknown): FaultMatch {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw new Refusal(`"match" must be an object with any of "channel", "to" and "idempotencyId"; got ${show(value)}.`);
  }
  refuseUnknownKeys(value, matchKeys, '"match"');
  const match: FaultMatch = {};

  const channel = own(value, 'channel');
  if (channel !== undefined && channel !== null) {
    if (channel !== 'sms' && channel !== 'email') throw new Refusal(`"match.channel" must be "sms" or "email"; got ${show(channel)}.`);
    match.channel = channel;
  }
  const to = own(value, 'to');
  if (to !== undefined && to !== null) match.to = recipientKey(nonBlank(to, 'match.to', 'a phone number or an email address', 'recipient'));
  const idempotencyId = own(value, 'idempotencyId');
  // Kept exactly as sent: Altinn compares idempotency ids without trimming (contract §5).
  if (idempotencyId !== undefined && idempotencyId !== null) match.idempotencyId = nonBlank(idempotencyId, 'match.idempotencyId', 'a string', 'order');
  return match;
}

function nonBlank(value: unknown, name: string, expected: string, every: string): string {
  if (typeof value !== 'string') throw new Refusal(`"${name}" must be ${expected}; got ${show(value)}.`);
  if (value.trim() === '') throw new Refusal(`"${name}" must not be empty or blank; leave it out to match every ${every}.`);
  return value;
}

function readTimes(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new Refusal(`"times" must be a positive whole number, or null for no limit; got ${show(value)}.`);
  }
  return value;
}

function refuseUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length === 0) return;
  const shown = unknown.slice(0, 5).map((key) => clip(JSON.stringify(key)));
  const more = unknown.length > 5 ? ` and ${unknown.length - 5} more` : '';
  throw new Refusal(
    `Unknown ${unknown.length === 1 ? 'key' : 'keys'} ${shown.join(', ')}${more} in ${where}; allowed: ${allowed.map((k) => `"${k}"`).join(', ')}.`,
  );
}

function own(value: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function withoutChannel(match: FaultMatch): FaultMatch {
  const { channel: _channel, ...rest } = match;
  return rest;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The offending value as JSON, cut short so that a huge body cannot make a huge detail. */
function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (typeof value === 'number') return String(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return clip(text ?? String(value));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
