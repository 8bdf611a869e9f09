import type { ClockSetting } from '../clock.js';
import type { FaultRule } from '../delivery/fault-rule.js';
import type { FeedEntry, IdempotencyRecord, PhoneState, StoredMessage } from './message.js';
import { withStatuses } from './with-statuses.js';

export const schemaVersion = 1;

/** Everything the store persists. Plain JSON: it is the lowdb snapshot as is. */
export interface StoreState {
  schemaVersion: number;
  /** The cursor: the last `seq` handed out. Never goes back, not even on reset. */
  seq: number;
  /** By id, in insertion (= seq) order. */
  messages: Record<string, StoredMessage>;
  /** By `idempotencyKey(org, idempotencyId)`. */
  idempotency: Record<string, IdempotencyRecord>;
  /** The last `sequenceNumber` of the status feed. */
  feedSeq: number;
  feed: FeedEntry[];
  /** Fake phones that were switched (`PUT /_emulator/phones/{number}`), by E.164 (`recipientKey`); others are online. */
  phones: Record<string, PhoneState>;
  /** Fault rules, oldest first (`/_emulator/faults`). */
  faults: FaultRule[];
  /** The last fault rule id handed out; like `seq`, never goes back. */
  faultSeq: number;
  /** The emulator clock's offset and freeze, so a restart resumes on the same clock. */
  clock: ClockSetting;
}

/** One journal line's worth of change. Each is applied by `applyMutation`, live and on replay. */
export type StoreMutation =
  /**
   * A new message; with a `fingerprint`, its order's idempotency record is derived from it. A message whose life
   * cycle ended at once (delivered with no delay) carries its order's status-feed entry.
   */
  | { op: 'message.insert'; message: StoredMessage; fingerprint: string | null; feed?: FeedEntry }
  | { op: 'message.update'; id: string; set: Partial<Omit<StoredMessage, 'id' | 'seq'>> }
  /**
   * Status steps reached at `at`, and the order's new status if it changes (the usual update: kept small). An order
   * that completes carries its status-feed entry in the same line, so a crash cannot leave one without the other.
   */
  | { op: 'message.status'; id: string; statuses: string[]; at: string; orderStatus: string | null; feed?: FeedEntry }
  | { op: 'messages.delete'; ids: string[] }
  | { op: 'idempotency.delete'; keys: string[] }
  /** Written by versions before the feed entry went into `message.status`; still replayed from old journals. */
  | { op: 'feed.append'; entry: FeedEntry }
  /** Drops the `count` oldest feed entries (retention). */
  | { op: 'feed.prune'; count: number }
  | { op: 'phone.set'; number: string; state: PhoneState }
  | { op: 'faults.add'; rule: FaultRule }
  /** `ids: null` removes every rule. */
  | { op: 'faults.delete'; ids: string[] | null }
  /** The rules fired once each (one order); a rule with no `remaining` left goes. */
  | { op: 'faults.use'; ids: string[] }
  | { op: 'clock.set'; clock: ClockSetting }
  /** Everything back to empty but the counters (`seq`, `feedSeq`, `faultSeq`), which never go back. */
  | { op: 'reset' };

export function emptyStoreState(): StoreState {
  return {
    schemaVersion,
    seq: 0,
    messages: {},
    idempotency: {},
    feedSeq: 0,
    feed: [],
    phones: {},
    faults: [],
    faultSeq: 0,
    clock: { offsetMs: 0, frozenAt: null },
  };
}

export function idempotencyKey(org: string, idempotencyId: string): string {
  return `${org}\n${idempotencyId}`;
}

export function applyMutation(state: StoreState, m: StoreMutation): void {
  switch (m.op) {
    case 'message.insert': {
      const { message } = m;
      state.messages[message.id] = message;
      state.seq = Math.max(state.seq, message.seq);
      if (m.feed) appendFeed(state, m.feed);
      if (message.order && m.fingerprint !== null) {
        const { org, idempotencyId, notificationOrderId, shipmentId, sendersReference } = message.order;
        state.idempotency[idempotencyKey(org, idempotencyId)] = {
          org,
          idempotencyId,
          notificationOrderId,
          shipmentId,
          sendersReference,
          messageId: message.id,
          fingerprint: m.fingerprint,
          createdAt: message.createdAt,
        };
      }
      return;
    }
    case 'message.status': {
      const current = Object.hasOwn(state.messages, m.id) ? state.messages[m.id] : undefined;
      if (!current || m.statuses.length === 0) return;
      if (m.feed) appendFeed(state, m.feed);
      state.messages[m.id] = withStatuses(current, m.statuses.map((status) => ({ status, at: m.at })), m.orderStatus);
      return;
    }
    case 'message.update': {
      // Messages are replaced, never changed in place (but for the analysis fields, filled in once by withAnalysis),
      // so a reference handed out earlier stays as it was.
      // An update for a message pruned meanwhile is dropped, not resurrected.
      const current = Object.hasOwn(state.messages, m.id) ? state.messages[m.id] : undefined;
      if (current) state.messages[m.id] = { ...current, ...m.set, id: current.id, seq: current.seq };
      return;
    }
    case 'messages.delete':
      for (const id of m.ids) delete state.messages[id];
      return;
    case 'idempotency.delete':
      for (const key of m.keys) delete state.idempotency[key];
      return;
    case 'feed.append':
      appendFeed(state, m.entry);
      return;
    case 'feed.prune':
      state.feed = state.feed.slice(m.count); // a fresh array: splicing the front can leave a slow, holey one
      return;
    case 'phone.set':
      state.phones[m.number] = m.state;
      return;
    case 'faults.add':
      state.faults = [...state.faults, m.rule];
      state.faultSeq = Math.max(state.faultSeq, Number(m.rule.id) || 0);
      return;
    case 'faults.delete':
      state.faults = m.ids === null ? [] : state.faults.filter((rule) => !m.ids!.includes(rule.id));
      return;
    case 'faults.use':
      state.faults = state.faults.flatMap((rule) => {
        if (!m.ids.includes(rule.id)) return [rule];
        const remaining = rule.remaining === null ? null : rule.remaining - 1;
        return remaining === 0 ? [] : [{ ...rule, remaining, hits: rule.hits + 1 }];
      });
      return;
    case 'clock.set':
      state.clock = m.clock;
      return;
    case 'reset': {
      const { seq, feedSeq, faultSeq } = state;
      Object.assign(state, emptyStoreState(), { seq, feedSeq, faultSeq });
      return;
    }
  }
}

function appendFeed(state: StoreState, entry: FeedEntry): void {
  state.feed.push(entry);
  state.feedSeq = Math.max(state.feedSeq, entry.sequenceNumber);
}

/** Brings a snapshot of an older (or unversioned) schema to the current one. */
export function migrateStoreState(raw: unknown): StoreState {
  const base = emptyStoreState();
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Partial<StoreState>;
  // Version 0 (no schemaVersion) kept messages as an array; version 1 keys them by id.
  const messages = Array.isArray(r.messages)
    ? Object.fromEntries((r.messages as StoredMessage[]).map((m) => [m.id, m]))
    : (r.messages ?? {});
  // Fields added later (phones, faults, clock) take their empty values from `base`.
  return { ...base, ...r, schemaVersion, messages };
}
