import type { Channel } from '../store/message.js';
import { recipientKey } from '../store/recipient-key.js';
import { channelOfFailureStatus, type FaultEffect, type FaultRule } from './fault-rule.js';

export interface FaultTarget {
  channel: Channel;
  to: string;
  idempotencyId: string;
}

export interface MatchedFaults {
  latency: FaultRule | null;
  /** gateway-unavailable */
  gateway: FaultRule | null;
  /** final-status or never-deliver: how the notification ends */
  fate: FaultRule | null;
}

/** The effect group a rule competes in: one order gets at most one rule of each group. */
export function faultGroup(effect: FaultEffect): keyof MatchedFaults {
  if (effect.type === 'latency') return 'latency';
  if (effect.type === 'gateway-unavailable') return 'gateway';
  return 'fate';
}

/**
 * The rules that apply to one API order: per group, the first matching rule with uses left, in the order given
 * (oldest first). Using them up (remaining, hits) is the caller's store mutation.
 */
export function matchFaults(rules: readonly FaultRule[], target: FaultTarget): MatchedFaults {
  const found: MatchedFaults = { latency: null, gateway: null, fate: null };
  let targetKey: string | undefined;
  for (const rule of rules) {
    const group = faultGroup(rule.effect);
    if (found[group] !== null) continue;
    if (rule.remaining !== null && rule.remaining <= 0) continue;
    const { channel, to, idempotencyId } = rule.match;
    if (channel !== undefined && channel !== target.channel) continue;
    // Checked here as well as at parse time, so that a rule restored from an older journal cannot cross channels.
    if (rule.effect.type === 'final-status' && channelOfFailureStatus(rule.effect.status) !== target.channel) continue;
    if (idempotencyId !== undefined && idempotencyId !== target.idempotencyId) continue;
    if (to !== undefined && recipientKey(to) !== (targetKey ??= recipientKey(target.to))) continue;
    found[group] = rule;
  }
  return found;
}
